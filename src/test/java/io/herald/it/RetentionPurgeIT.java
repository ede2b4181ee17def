package io.herald.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The route retention-purge in the whole application: its timer calls the purge bean on Herald's own clock and
 * database, which blanks an attempt past herald.retention.message-bodies and deletes an intake payload past
 * herald.retention.intake-payloads, and leaves a fresh one.
 */
class RetentionPurgeIT extends HeraldIntegrationTest {

    @Autowired
    private MeterRegistry meters;

    @BeforeEach
    void startPurge() throws Exception {
        camel.getRouteController().startRoute(RETENTION_ROUTE);
    }

    @AfterEach
    void stopPurge() throws Exception {
        camel.getRouteController().stopRoute(RETENTION_ROUTE, 10, TimeUnit.SECONDS);
    }

    @Test
    void purgeRouteBlanksOldMessagesAndDeletesOldPayloadsOnItsTimer() {
        String run = UUID.randomUUID().toString();
        OffsetDateTime now = Instant.now().atOffset(ZoneOffset.UTC);
        String oldAttempt = insertAttempt("old-" + run, now.minusDays(91));
        String freshAttempt = insertAttempt("fresh-" + run, now.minusDays(1));
        insertIntakeFailure("old-" + run, now.minusDays(31));
        insertIntakeFailure("fresh-" + run, now.minusDays(1));

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(jdbc.queryForObject("SELECT recipient FROM notification WHERE id = ?", String.class,
                    oldAttempt)).isEqualTo("[erased]");
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM intake_failure WHERE source = ?", Long.class,
                    "old-" + run)).isZero();
            // counted once the run that purged them has finished, after its last statement
            assertThat(meters.find("herald.retention.purged").tag("kind", "message-bodies").counter())
                    .isNotNull().satisfies(counter -> assertThat(counter.count()).isGreaterThanOrEqualTo(1.0));
        });

        Map<String, Object> fresh = jdbc.queryForMap("SELECT recipient, body_text, state FROM notification "
                + "WHERE id = ?", freshAttempt);
        assertThat(fresh.values()).containsExactly("retention.fresh-" + run + "@example.com", "Your order is confirmed",
                "SENT");
        assertThat(jdbc.queryForObject("SELECT state FROM notification WHERE id = ?", String.class, oldAttempt))
                .isEqualTo("SENT");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM intake_failure WHERE source = ?", Long.class,
                "fresh-" + run)).isEqualTo(1);
    }

    private String insertAttempt(String order, OffsetDateTime createdAt) {
        String id = UUID.randomUUID().toString();
        jdbc.update("INSERT INTO notification (id, subject_key, type, channel, order_id, locale, recipient, subject, "
                + "body_text, state, created_at, updated_at, sent_at) VALUES (?, ?, 'order_confirmed', 'email', ?, "
                + "'en', ?, 'Order confirmed', 'Your order is confirmed', 'SENT', ?, ?, ?)", id, "order:" + order,
                order, "retention." + order + "@example.com", createdAt, createdAt, createdAt);
        return id;
    }

    private void insertIntakeFailure(String source, OffsetDateTime seen) {
        jdbc.update("INSERT INTO intake_failure (source, reason_code, detail, payload, payload_hash, first_seen, "
                + "last_seen, seen_count) VALUES (?, 'INVALID_EVENT', 'test', ?, ?, ?, ?, 1)", source,
                "{\"order\":{}}".getBytes(StandardCharsets.UTF_8), UUID.randomUUID().toString(), seen, seen);
    }
}
