package io.herald.kpi;

import io.herald.support.ProblemAnswers;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/kpis?from=…&to=…}: the KPIs of the window [from, to), both ISO-8601 instants
 * ({@code 2025-03-10T00:00:00Z}); 400 problem+json when one is missing or unreadable, or from is after to.
 */
@RestController
class KpiController {

    private final Kpis kpis;

    KpiController(Kpis kpis) {
        this.kpis = kpis;
    }

    @GetMapping(path = "/api/v1/kpis", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> kpis(@RequestParam(required = false) String from, @RequestParam(required = false) String to) {
        if (from == null || to == null) {
            return badWindow("Give both from and to, as ISO-8601 instants such as 2025-03-10T00:00:00Z.");
        }
        Instant start;
        Instant end;
        try {
            start = Instant.parse(from);
            end = Instant.parse(to);
        } catch (DateTimeParseException unreadable) {
            return badWindow("from and to must be ISO-8601 instants such as 2025-03-10T00:00:00Z.");
        }
        if (start.isAfter(end)) {
            return badWindow("from is after to.");
        }
        return ResponseEntity.ok(kpis.report(start, end));
    }

    private static ResponseEntity<ProblemDetail> badWindow(String detail) {
        return ProblemAnswers.of(HttpStatus.BAD_REQUEST, "invalid-window", "Invalid window", detail);
    }
}
