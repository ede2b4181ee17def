package io.herald.kpi;

import static org.assertj.core.api.Assertions.assertThat;

import io.herald.sms.SmsConversations;
import io.herald.support.SqlFiles;
import io.herald.db.BothDatabases;
import io.herald.db.BothDatabases.Database;
import java.io.IOException;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;

/**
 * The opt-out rates by channel and type, on PostgreSQL and H2, against rows seeded one by one; every figure is worked
 * out by hand below.
 */
class OptOutKpisTest {

    private static final OffsetDateTime W = OffsetDateTime.of(2025, 5, 6, 0, 0, 0, 0, ZoneOffset.UTC);

    private static BothDatabases databases;

    @BeforeAll
    static void seed() throws IOException {
        databases = BothDatabases.start();
        for (Database database : databases.all()) {
            database.migrate(null);
            JdbcTemplate jdbc = database.jdbc().getJdbcTemplate();
            // sent in the window: email shipped 4 (C-1 first), sms shipped then delivered to +34600000001
            for (int i = 0; i < 4; i++) {
                sent(jdbc, "email", "shipped", "C-" + (i + 1), "c" + (i + 1) + "@example.com", W.plusHours(1 + i));
            }
            sent(jdbc, "sms", "shipped", "C-1", "+34600000001", W.plusHours(1));
            sent(jdbc, "sms", "delivered", "C-1", "+34600000001", W.plusHours(2));
            // STOP after the delivered SMS: sms/delivered; a STOP from a number Herald never wrote to: sms/all
            jdbc.update("INSERT INTO sms_opt_out (phone, opted_out_at, source) VALUES (?, ?, 'sms-keyword')",
                    "+34600000001", W.plusHours(3));
            jdbc.update("INSERT INTO sms_opt_out (phone, opted_out_at, source) VALUES (?, ?, 'sms-keyword')",
                    "+34600000009", W.plusHours(3));
            jdbc.update("INSERT INTO sms_opt_out (phone, opted_out_at, source) VALUES (?, ?, 'sms-keyword')",
                    "+34600000001", W.minusHours(1));
            // one-click unsubscribe after C-1's shipped email: email/shipped
            jdbc.update("INSERT INTO email_unsubscribe (customer_id, unsubscribed_at, source) VALUES (?, ?, ?)",
                    "C-1", W.plusHours(4), "one-click");
            // the customers' own switches: shipped by email off (counted), sms as a whole off (sms/all); a source's
            // consent and a switch turned on are no opt-outs
            preference(jdbc, "C-2", "shipped", "email", false, "CUSTOMER", W.plusHours(5));
            preference(jdbc, "C-3", "*", "sms", false, "CUSTOMER", W.plusHours(5));
            preference(jdbc, "C-4", "*", "email", false, "SOURCE", W.plusHours(5));
            preference(jdbc, "C-5", "delivered", "email", true, "CUSTOMER", W.plusHours(5));
        }
    }

    @AfterAll
    static void stop() throws IOException {
        databases.close();
    }

    static Stream<Database> databases() {
        return databases.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void optOutsAreCountedByChannelAndTypeAgainstWhatWasSent(Database database) {
        KpiReport report = new Kpis(database.jdbc(), new SqlFiles(), new SmsConversations(database.jdbc(),
                new SqlFiles())).report(W.toInstant(), W.plusDays(1).toInstant());

        assertThat(report.optOutRates()).isEqualTo(Map.of(
                "email", Map.of("shipped", new KpiReport.OptOutRate(2, 4, 0.5)),
                "sms", Map.of("delivered", new KpiReport.OptOutRate(1, 1, 1.0),
                        "all", new KpiReport.OptOutRate(2, 2, 1.0))));
    }

    /** An attempt sent, with its decision, as Herald records every attempt. */
    private static void sent(JdbcTemplate jdbc, String channel, String type, String customerId, String recipient,
                             OffsetDateTime at) {
        String decisionId = UUID.randomUUID().toString();
        jdbc.update("INSERT INTO decision (id, subject_key, type, trigger_fingerprint, rule, critical, customer_id, "
                        + "facts, event_occurred_at, state, recipient_day, created_at, updated_at) "
                        + "VALUES (?, 'order:SO-1', ?, ?, ?, FALSE, ?, '{}', ?, 'DECIDED', ?, ?, ?)",
                decisionId, type, "fp-" + decisionId, type, customerId, at, at.toLocalDate(), at, at);
        jdbc.update("INSERT INTO notification (id, subject_key, type, channel, customer_id, locale, recipient, "
                        + "body_text, state, created_at, updated_at, sent_at, decision_id) "
                        + "VALUES (?, 'order:SO-1', ?, ?, ?, 'en', ?, 'text', 'SENT', ?, ?, ?, ?)",
                UUID.randomUUID().toString(), type, channel, customerId, recipient, at, at, at, decisionId);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void optOutsAreFoundThroughIndexesNotByReadingEveryAttemptOrPreference(Database database)
            throws SQLException {
        MapSqlParameterSource window = new MapSqlParameterSource().addValue("from", W).addValue("to", W.plusDays(1));
        for (String statement : List.of("kpi/count-email-opt-outs-by-type", "kpi/count-opt-outs-by-channel-and-type")) {
            String plan = database.planOf(statement, window);

            assertThat(plan).as(statement).contains("decision_customer_day", "notification_attempt_once");
            if (statement.endsWith("by-channel-and-type")) {
                assertThat(plan).as(statement).contains("preference_changed");
            }
            if (database.vendor().equals("h2")) {
                assertThat(plan).as(statement).doesNotContain("notification.tablescan", "preference.tablescan");
            } else {
                assertThat(plan).as(statement).doesNotContain("seq scan on notification", "seq scan on preference");
            }
        }
    }

    private static void preference(JdbcTemplate jdbc, String customerId, String type, String channel,
                                   boolean enabled, String origin, OffsetDateTime at) {
        jdbc.update("INSERT INTO preference (customer_id, type, channel, enabled, origin, source, changed_at) "
                + "VALUES (?, ?, ?, ?, ?, 'page', ?)", customerId, type, channel, enabled, origin, at);
    }
}
