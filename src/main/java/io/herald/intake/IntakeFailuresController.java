package io.herald.intake;

import io.herald.intake.IntakeFailureReplay.Outcome;
import io.herald.support.ProblemAnswers;
import io.herald.support.SqlFiles;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * What intake refused, for operations: {@code GET /api/v1/intake-failures} groups the open failures by source and
 * reason, biggest impact first; {@code ?source=…&reason=…} lists one group; {@code POST …/{id}/replay} and
 * {@code POST /api/v1/intake-failures/replay?source=…&reason=…} run kept payloads through the current mappings.
 */
@RestController
class IntakeFailuresController {

    private final NamedParameterJdbcTemplate jdbc;
    private final SqlFiles sql;
    private final IntakeFailureReplay replay;

    IntakeFailuresController(NamedParameterJdbcTemplate jdbc, SqlFiles sql, IntakeFailureReplay replay) {
        this.jdbc = jdbc;
        this.sql = sql;
        this.replay = replay;
    }

    @GetMapping("/api/v1/intake-failures")
    Object list(@RequestParam(required = false) String source, @RequestParam(required = false) String reason) {
        if (source == null && reason == null) {
            return new Groups(jdbc.query(sql.get("intake/list-intake-failure-groups"), (rs, n) -> new Group(
                    rs.getString("source"), rs.getString("reason_code"), rs.getLong("payloads"), rs.getLong("seen"),
                    rs.getObject("first_seen", OffsetDateTime.class), rs.getObject("last_seen", OffsetDateTime.class))));
        }
        if (source == null) {
            return ProblemAnswers.of(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request",
                    "A reason lists the failures of one source: give source too");
        }
        return new Failures(jdbc.query(sql.get("intake/list-intake-failures"),
                new MapSqlParameterSource("source", source).addValue("reason", reason, Types.VARCHAR), (rs, n) -> new Failure(
                        rs.getLong("id"), rs.getString("source"), rs.getString("reason_code"), rs.getString("detail"),
                        rs.getString("content_type"), rs.getInt("seen_count"),
                        rs.getObject("first_seen", OffsetDateTime.class),
                        rs.getObject("last_seen", OffsetDateTime.class))));
    }

    @PostMapping("/api/v1/intake-failures/{id}/replay")
    ResponseEntity<Outcome> replayOne(@PathVariable long id) {
        Outcome outcome = replay.replay(id).orElseThrow(() ->
                new ResponseStatusException(HttpStatus.NOT_FOUND, "No intake failure " + id));
        return ResponseEntity.status(outcome.resolved() ? HttpStatus.OK : HttpStatus.UNPROCESSABLE_ENTITY)
                .body(outcome);
    }

    @PostMapping("/api/v1/intake-failures/replay")
    Replayed replayGroup(@RequestParam String source, @RequestParam String reason) {
        List<Outcome> outcomes = new ArrayList<>();
        for (long id : replay.openIds(source, reason)) {
            replay.replay(id).ifPresent(outcomes::add);
        }
        long resolved = outcomes.stream().filter(Outcome::resolved).count();
        return new Replayed(outcomes.size(), resolved, outcomes.size() - resolved, outcomes);
    }

    record Group(String source, String reason, long payloads, long seen, OffsetDateTime firstSeen,
                 OffsetDateTime lastSeen) {
    }

    record Groups(List<Group> groups) {
    }

    record Failure(long id, String source, String reason, String detail, String contentType, int seenCount,
                   OffsetDateTime firstSeen, OffsetDateTime lastSeen) {
    }

    record Failures(List<Failure> failures) {
    }

    record Replayed(int replayed, long resolved, long stillFailing, List<Outcome> outcomes) {
    }
}
