package io.herald.retention;

import io.herald.customer.CustomerErasure;
import io.herald.ops.HeraldMetrics;
import io.herald.support.SqlFiles;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * Purges personal data older than its retention period ({@link RetentionProperties}; docs/operations.md,
 * "Retention"), in batches of at most {@code batchSize} rows, each statement its own transaction. Rendered messages
 * are blanked as a customer's erasure blanks them, and their rows stay, so the KPIs still count them. Every statement
 * only touches what is still there to purge, so running it again, or on two instances at once, is harmless.
 */
public class RetentionPurge {

    private static final Logger LOG = LoggerFactory.getLogger(RetentionPurge.class);
    /** How long the tracking page's failed lookups are kept: its brake on guessing looks back 15 minutes. */
    private static final Duration LOOKUP_FAILURES = Duration.ofDays(1);

    private final NamedParameterJdbcTemplate jdbc;
    private final SqlFiles sql;
    private final CustomerErasure erasure;
    private final HeraldMetrics metrics;
    private final RetentionProperties retention;
    private final Clock clock;

    RetentionPurge(NamedParameterJdbcTemplate jdbc, SqlFiles sql, CustomerErasure erasure, HeraldMetrics metrics,
                   RetentionProperties retention, Clock clock) {
        this.jdbc = jdbc;
        this.sql = sql;
        this.erasure = erasure;
        this.metrics = metrics;
        this.retention = retention;
        this.clock = clock;
    }

    /** Purges what is past its period; answers the rows purged by kind, as counted in the metric. */
    public Map<String, Integer> purge() {
        Instant now = clock.instant();
        Map<String, Integer> purged = new LinkedHashMap<>();
        MapSqlParameterSource bodies = before(now, retention.messageBodies());
        purged.put("message-bodies", inBatches("retention/erase-notification-bodies", bodies));
        purged.put("decision-names", inBatches(() -> erasure.eraseNamesInFacts("retention/list-named-decisions",
                bodies)));
        MapSqlParameterSource payloads = before(now, retention.intakePayloads());
        purged.put("intake-payloads", inBatches("retention/delete-intake-failures", payloads));
        purged.put("dead-letter-payloads", inBatches("retention/erase-dead-letter-payloads", payloads));
        purged.put("dedupe-keys", inBatches("retention/delete-dedupe-keys", before(now, retention.dedupeKeys())
                // Camel's JDBC idempotent repository writes createdAt as a TIMESTAMP in the JVM's zone
                .addValue("beforeLocal", Timestamp.from(now.minus(retention.dedupeKeys())))));
        purged.put("timelines", inBatches("retention/delete-timeline", before(now, retention.timelines())));
        purged.put("conversations", inBatches("retention/delete-sms-messages",
                before(now, retention.conversations())));
        purged.put("lookup-failures", inBatches("retention/delete-lookup-failures", before(now, LOOKUP_FAILURES)));
        purged.forEach(metrics::retentionPurged);
        int total = purged.values().stream().mapToInt(Integer::intValue).sum();
        if (total > 0) {
            LOG.info("Retention purge: {}", purged);
        } else {
            LOG.debug("Retention purge: nothing past its period");
        }
        return purged;
    }

    private MapSqlParameterSource before(Instant now, Duration period) {
        return new MapSqlParameterSource()
                .addValue("before", now.minus(period).atOffset(ZoneOffset.UTC))
                .addValue("limit", retention.batchSize());
    }

    private int inBatches(String statement, MapSqlParameterSource params) {
        return inBatches(() -> jdbc.update(sql.get(statement), params));
    }

    /** Runs one batch after another until a batch finds less than a full one; answers the rows of all of them. */
    private int inBatches(IntSupplier batch) {
        int total = 0;
        int rows;
        do {
            rows = batch.getAsInt();
            total += rows;
        } while (rows >= retention.batchSize());
        return total;
    }
}
