package io.herald.intake;

import io.herald.support.Names;
import io.herald.normalize.IntakeRejectedException;
import io.herald.support.SqlFiles;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Runs a kept payload through the current mapping again, the same way intake did ({@code direct:events-publish}).
 * A payload that now maps is published and its failure marked resolved; one that still fails keeps its row, with
 * the new reason.
 */
@Component
public class IntakeFailureReplay {

    private final NamedParameterJdbcTemplate jdbc;
    private final SqlFiles sql;
    private final ProducerTemplate camel;

    public IntakeFailureReplay(NamedParameterJdbcTemplate jdbc, SqlFiles sql, ProducerTemplate camel) {
        this.jdbc = jdbc;
        this.sql = sql;
        this.camel = camel;
    }

    /** The result of one replay: resolved with the number of events published, or refused again and why. */
    public record Outcome(long id, boolean resolved, int events, String reason, String detail) {
    }

    /** Replays one kept payload; empty when there is no such failure. */
    public Optional<Outcome> replay(long id) {
        List<Kept> kept = jdbc.query(sql.get("intake/find-intake-failure"), new MapSqlParameterSource("id", id),
                (rs, n) -> new Kept(rs.getLong("id"), rs.getString("source"), rs.getBytes("payload"),
                        rs.getBoolean("resolved")));
        if (kept.isEmpty()) {
            return Optional.empty();
        }
        Kept failure = kept.get(0);
        if (failure.resolved()) {
            return Optional.of(new Outcome(id, true, 0, null, "already resolved"));
        }
        try {
            Exchange done = camel.request("direct:events-publish", exchange -> {
                exchange.getMessage().setHeader(Names.Header.SOURCE, failure.source());
                exchange.getMessage().setBody(failure.payload());
            });
            if (done.getException() != null) {
                throw done.getException();
            }
            jdbc.update(sql.get("intake/resolve-intake-failure"), new MapSqlParameterSource("id", id));
            int events = done.getProperty(Names.Property.EVENT_COUNT, 0, Integer.class);
            return Optional.of(new Outcome(id, true, events, null, null));
        } catch (Exception e) {
            IntakeRejectedException rejected = IntakeRejectedException.findIn(e);
            if (rejected == null) {
                throw e instanceof RuntimeException runtime ? runtime : new CamelExecutionException(e.getMessage(), null, e);
            }
            jdbc.update(sql.get("intake/update-intake-failure-reason"), new MapSqlParameterSource(Map.of(
                    "id", id, "reason", rejected.reason().name(), "detail", rejected.getMessage())));
            return Optional.of(new Outcome(id, false, 0, rejected.reason().name(), rejected.getMessage()));
        }
    }

    /** The open failures of one source and reason, for a bulk replay. */
    public List<Long> openIds(String source, String reason) {
        return jdbc.query(sql.get("intake/list-intake-failures"),
                new MapSqlParameterSource("source", source).addValue("reason", reason), (rs, n) -> rs.getLong("id"));
    }

    private record Kept(long id, String source, byte[] payload, boolean resolved) {
    }
}
