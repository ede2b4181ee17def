package io.herald.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.herald.config.HeraldProperties;
import io.herald.customer.CustomerErasure;
import io.herald.db.BothDatabases;
import io.herald.ops.HeraldMetrics;
import io.herald.support.SqlFiles;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * The retention purge's SQL (src/main/resources/sql/retention/) on PostgreSQL and H2, with a fixed clock, on rows
 * written as Herald writes them: what is past its period is blanked or deleted, in batches smaller than what there
 * is, what is newer is untouched, and the KPIs count the same before and after.
 */
class RetentionPurgeOnBothDatabasesTest {

    private static final Instant NOW = Instant.parse("2026-11-01T10:00:00Z");
    private static final int BATCH = 2;

    @RegisterExtension
    static final BothDatabases.Migrated DATABASES = BothDatabases.migrated();

    static List<BothDatabases.Database> databases() {
        return DATABASES.all();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void purgeRemovesPersonalDataPastItsPeriodAndKeepsNewerRowsAndTheCounts(BothDatabases.Database database) {
        JdbcTemplate jdbc = new JdbcTemplate(database.dataSource());
        String run = UUID.randomUUID().toString();
        for (int i = 0; i < 3; i++) {
            seedAttempt(jdbc, "old-" + i + "-" + run, "Ilse Oldfield", NOW.minus(Duration.ofDays(91)));
        }
        seedAttempt(jdbc, "new-" + run, "Nina Newcombe", NOW.minus(Duration.ofDays(89)));
        seedIntakeFailure(jdbc, "old-" + run, NOW.minus(Duration.ofDays(40)), NOW.minus(Duration.ofDays(31)));
        // first refused long ago, but sent again recently: kept from the latest time it was received
        seedIntakeFailure(jdbc, "new-" + run, NOW.minus(Duration.ofDays(40)), NOW.minus(Duration.ofDays(29)));
        seedDeadLetter(jdbc, "old-" + run, NOW.minus(Duration.ofDays(31)));
        seedDeadLetter(jdbc, "new-" + run, NOW.minus(Duration.ofDays(29)));
        seedEventSeen(jdbc, "old-" + run, NOW.minus(Duration.ofDays(401)));
        seedEventSeen(jdbc, "new-" + run, NOW.minus(Duration.ofDays(399)));
        seedSmsMessage(jdbc, "old-" + run, NOW.minus(Duration.ofDays(91)));
        seedSmsMessage(jdbc, "new-" + run, NOW.minus(Duration.ofDays(89)));
        jdbc.update("DELETE FROM lookup_failure");
        for (Duration ago : List.of(Duration.ofHours(25), Duration.ofHours(23))) {
            jdbc.update("INSERT INTO lookup_failure (order_key, failed_at) VALUES (?, ?)", "so-" + run,
                    NOW.minus(ago).atOffset(ZoneOffset.UTC));
        }
        Map<String, Long> countsBefore = kpiCounts(database.jdbc());
        SimpleMeterRegistry registry = new SimpleMeterRegistry();

        Map<String, Integer> purged = purge(database, registry).purge();

        assertThat(purged).containsEntry("message-bodies", 3).containsEntry("decision-names", 3)
                .containsEntry("intake-payloads", 1).containsEntry("dead-letter-payloads", 1)
                .containsEntry("dedupe-keys", 1).containsEntry("timelines", 1).containsEntry("conversations", 1)
                .containsEntry("lookup-failures", 1);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM lookup_failure", Integer.class))
                .as("the tracking page's failed lookups are kept a day").isOne();
        assertThat(jdbc.queryForList("SELECT customer_id FROM sms_message WHERE customer_id LIKE ?", String.class,
                "%-" + run)).containsExactly("new-" + run);
        assertThat(registry.get("herald.retention.purged").tag("kind", "message-bodies").counter().count())
                .isEqualTo(3.0);
        for (int i = 0; i < 3; i++) {
            String old = "old-" + i + "-" + run;
            assertThat(jdbc.queryForList("SELECT recipient, subject, body_text, body_html, state FROM notification "
                    + "WHERE customer_id = ?", old)).singleElement().satisfies(row -> assertThat(row.values())
                            .containsExactly(CustomerErasure.ERASED, null, CustomerErasure.ERASED, null, "SENT"));
            assertThat(jdbc.queryForObject("SELECT facts FROM decision WHERE customer_id = ?", String.class, old))
                    .doesNotContain("Ilse").contains("\"type\":\"shipped\"", "\"customerName\":null");
        }
        assertThat(jdbc.queryForList("SELECT recipient, subject, body_text FROM notification WHERE customer_id = ?",
                "new-" + run)).singleElement().satisfies(row -> assertThat(row.values()).containsExactly(
                        "nina_new-" + run + "@example.org", "On its way, Nina Newcombe", "Hello Nina Newcombe"));
        assertThat(jdbc.queryForObject("SELECT facts FROM decision WHERE customer_id = ?", String.class, "new-" + run))
                .contains("Nina Newcombe");
        assertThat(jdbc.queryForList("SELECT source FROM intake_failure WHERE source LIKE ?", String.class,
                "%-" + run)).containsExactly("new-" + run);
        assertThat(jdbc.queryForList("SELECT stage, payload FROM dead_letter WHERE stage LIKE ? ORDER BY created_at",
                "%-" + run)).extracting(row -> row.get("payload")).hasSize(2).first().isNull();
        assertThat(jdbc.queryForObject("SELECT payload FROM dead_letter WHERE stage = ?", String.class, "new-" + run))
                .contains("+4915112345678");
        assertThat(jdbc.queryForList("SELECT messageId FROM camel_messageprocessed WHERE messageId LIKE ?",
                String.class, "%-" + run)).containsExactly("fp-new-" + run);
        assertThat(jdbc.queryForList("SELECT fingerprint FROM timeline WHERE fingerprint LIKE ?", String.class,
                "%-" + run)).containsExactly("fp-new-" + run);
        assertThat(kpiCounts(database.jdbc())).isEqualTo(countsBefore);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void purgingAgainFindsNothingMore(BothDatabases.Database database) {
        JdbcTemplate jdbc = new JdbcTemplate(database.dataSource());
        String run = UUID.randomUUID().toString();
        seedAttempt(jdbc, "again-" + run, "Arne Twice", NOW.minus(Duration.ofDays(200)));
        seedIntakeFailure(jdbc, "again-" + run, NOW.minus(Duration.ofDays(50)), NOW.minus(Duration.ofDays(50)));
        seedDeadLetter(jdbc, "again-" + run, NOW.minus(Duration.ofDays(50)));
        seedEventSeen(jdbc, "again-" + run, NOW.minus(Duration.ofDays(500)));
        RetentionPurge purge = purge(database, new SimpleMeterRegistry());
        purge.purge();

        Map<String, Integer> again = purge.purge();

        assertThat(again.values()).containsOnly(0);
        assertThat(again).containsOnlyKeys("message-bodies", "decision-names", "intake-payloads",
                "dead-letter-payloads", "dedupe-keys", "timelines", "conversations", "lookup-failures");
    }

    @Test
    void dedupeKeysKeptShorterThanIntakePayloadsStopTheStart() {
        RetentionProperties retention = bind(Map.of("herald.retention.dedupe-keys", "20d"));

        assertThatThrownBy(() -> RetentionConfiguration.check(retention, heraldProperties()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("herald.retention.dedupe-keys");
    }

    @Test
    void defaultPeriodsPassTheStartCheck() {
        RetentionProperties retention = bind(Map.of());

        RetentionConfiguration.check(retention, heraldProperties());

        assertThat(retention.messageBodies()).isEqualTo(Duration.ofDays(90));
        assertThat(retention.intakePayloads()).isEqualTo(Duration.ofDays(30));
        assertThat(retention.dedupeKeys()).isEqualTo(Duration.ofDays(400));
    }

    private static RetentionPurge purge(BothDatabases.Database database, SimpleMeterRegistry registry) {
        NamedParameterJdbcTemplate jdbc = database.jdbc();
        SqlFiles sql = new SqlFiles();
        RetentionProperties retention = bind(Map.of("herald.retention.batch-size", String.valueOf(BATCH)));
        return new RetentionPurge(jdbc, sql, new CustomerErasure(jdbc, sql, new ObjectMapper()),
                new HeraldMetrics(registry), retention, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static RetentionProperties bind(Map<String, String> settings) {
        return new Binder(new MapConfigurationPropertySource(settings))
                .bindOrCreate("herald.retention", Bindable.of(RetentionProperties.class));
    }

    private static HeraldProperties heraldProperties() {
        return new Binder(new MapConfigurationPropertySource(Map.of()))
                .bindOrCreate("herald", Bindable.of(HeraldProperties.class));
    }

    /** What the KPIs count of notifications and decisions, over every time the tests write. */
    private static Map<String, Long> kpiCounts(NamedParameterJdbcTemplate jdbc) {
        MapSqlParameterSource window = new MapSqlParameterSource()
                .addValue("from", NOW.minus(Duration.ofDays(1000)).atOffset(ZoneOffset.UTC))
                .addValue("to", NOW.plus(Duration.ofDays(1)).atOffset(ZoneOffset.UTC));
        SqlFiles sql = new SqlFiles();
        TreeMap<String, Long> counts = new TreeMap<>();
        jdbc.query(sql.get("kpi/count-notifications"), window, rs -> {
            counts.put("notifications " + rs.getString("state") + " " + rs.getString("channel"),
                    rs.getLong("notifications"));
        });
        jdbc.query(sql.get("kpi/count-deliveries"), window, rs -> {
            counts.put("sent " + rs.getString("channel"), rs.getLong("sent"));
        });
        jdbc.query(sql.get("kpi/count-unsent-decisions"), window, rs -> {
            counts.put("unsent " + rs.getString("state") + " " + rs.getString("reason"), rs.getLong("decisions"));
        });
        return counts;
    }

    /** A decision and its email attempt, with the customer's name and address, written at {@code at}. */
    private static void seedAttempt(JdbcTemplate jdbc, String customerId, String name, Instant at) {
        OffsetDateTime when = at.atOffset(ZoneOffset.UTC);
        String orderId = "SO-" + customerId;
        String decisionId = UUID.randomUUID().toString();
        String first = name.substring(0, name.indexOf(' '));
        jdbc.update("INSERT INTO decision (id, subject_key, type, trigger_fingerprint, rule, critical, order_id, "
                        + "customer_id, facts, event_occurred_at, state, reason, created_at, updated_at) "
                        + "VALUES (?, ?, 'shipped', ?, 'shipped', FALSE, ?, ?, ?, ?, 'SUPPRESSED', 'cap', ?, ?)",
                decisionId, "order:" + orderId, "fp-" + decisionId, orderId, customerId,
                "{\"type\":\"shipped\",\"orderId\":\"" + orderId + "\",\"customerName\":\"" + name + "\"}", when,
                when, when);
        jdbc.update("INSERT INTO notification (id, subject_key, type, channel, order_id, customer_id, locale, "
                        + "recipient, subject, body_text, body_html, state, created_at, updated_at, sent_at, "
                        + "decision_id) VALUES (?, ?, 'shipped', 'email', ?, ?, 'en', ?, ?, ?, ?, 'SENT', ?, ?, ?, ?)",
                UUID.randomUUID().toString(), "order:" + orderId, orderId, customerId,
                first.toLowerCase() + "_" + customerId + "@example.org",
                "On its way, " + name, "Hello " + name, "<p>Hello " + name + "</p>", when, when, when, decisionId);
    }

    private static void seedIntakeFailure(JdbcTemplate jdbc, String source, Instant first, Instant last) {
        byte[] payload = "{\"customer\":{\"email\":\"kept_payload@example.org\"}}".getBytes(StandardCharsets.UTF_8);
        jdbc.update("INSERT INTO intake_failure (source, reason_code, detail, payload, payload_hash, first_seen, "
                + "last_seen, seen_count) VALUES (?, 'INVALID_EVENT', 'test', ?, ?, ?, ?, 2)", source, payload,
                UUID.randomUUID().toString(), first.atOffset(ZoneOffset.UTC), last.atOffset(ZoneOffset.UTC));
    }

    private static void seedDeadLetter(JdbcTemplate jdbc, String stage, Instant at) {
        jdbc.update("INSERT INTO dead_letter (stage, reason, payload, created_at) VALUES (?, 'test', ?, ?)", stage,
                "{\"customer\":{\"phone\":\"+4915112345678\"}}", at.atOffset(ZoneOffset.UTC));
    }

    /** A processed event's fingerprint as Camel's JDBC idempotent repository writes it, and its timeline entry. */
    private static void seedEventSeen(JdbcTemplate jdbc, String id, Instant at) {
        jdbc.update("INSERT INTO camel_messageprocessed (processorName, messageId, createdAt) VALUES (?, ?, ?)",
                "herald-events", "fp-" + id, Timestamp.from(at));
        jdbc.update("INSERT INTO timeline (subject_key, event_type, source, occurred_at, status, fingerprint, "
                        + "recorded_at) VALUES (?, 'shipment', 'ups', ?, 'IN_TRANSIT', ?, ?)",
                "shipment:ups:1Z" + id, at.atOffset(ZoneOffset.UTC), "fp-" + id, at.atOffset(ZoneOffset.UTC));
    }

    /** One inbound SMS of a conversation (sms_message, V9), received at {@code at}. */
    private static void seedSmsMessage(JdbcTemplate jdbc, String customerId, Instant at) {
        jdbc.update("INSERT INTO sms_message (phone, customer_id, direction, body, keyword, created_at) "
                + "VALUES ('+4915112345678', ?, 'IN', 'STATUS', 'status', ?)", customerId, at.atOffset(ZoneOffset.UTC));
    }
}
