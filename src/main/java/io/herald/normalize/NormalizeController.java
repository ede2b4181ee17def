package io.herald.normalize;

import io.herald.canonical.CanonicalEvent;
import io.herald.intake.Problems;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The dry-run API: {@code POST /api/v1/normalize/{source}} maps a raw payload exactly as the source sends it and
 * answers with the canonical events, with no side effect.
 */
@RestController
class NormalizeController {

    private final Normalizer normalizer;
    private final Problems problems;

    NormalizeController(Normalizer normalizer, Problems problems) {
        this.normalizer = normalizer;
        this.problems = problems;
    }

    @PostMapping(path = "/api/v1/normalize/{source}", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> normalize(@PathVariable String source, @RequestBody(required = false) byte[] payload) {
        try {
            Normalizer.Normalized normalized = normalizer.inspect(source, payload);
            return ResponseEntity.ok(new NormalizeResult(source, normalized.events(), normalized.findings()));
        } catch (IntakeRejectedException rejected) {
            return ResponseEntity.status(rejected.reason().httpStatus())
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .body(problems.problem(rejected, normalizer.knows(source) ? source : null).toString());
        }
    }

    record NormalizeResult(String source, List<CanonicalEvent> events, List<IntakeFinding> findings) {
    }
}
