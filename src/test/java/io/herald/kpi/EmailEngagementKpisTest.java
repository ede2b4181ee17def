package io.herald.kpi;

import static org.assertj.core.api.Assertions.assertThat;

import io.herald.db.BothDatabases;
import io.herald.db.BothDatabases.Database;
import io.herald.support.SqlFiles;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The email open, click and opt-out rates by type against rows seeded one by one, on PostgreSQL and H2; the expected
 * figures are worked out by hand from the rows.
 */
class EmailEngagementKpisTest {

    private static final OffsetDateTime W = OffsetDateTime.of(2025, 3, 10, 0, 0, 0, 0, ZoneOffset.UTC);
    private static final Instant FROM = W.toInstant();
    private static final Instant TO = W.plusDays(1).toInstant();

    private static BothDatabases databases;

    @BeforeAll
    static void seed() throws IOException {
        databases = BothDatabases.start();
        for (Database database : databases.all()) {
            database.migrate(null);
            seed(database.jdbc().getJdbcTemplate());
        }
    }

    @AfterAll
    static void stopDatabases() throws IOException {
        databases.close();
    }

    static Stream<Database> databases() {
        return databases.all().stream();
    }

    /*
     * In the window, by email: C-1 order_confirmed e0 (W+30m), shipped e1 (W+1h, opened 3 times, clicked once),
     * delayed e2 (DELIVERED, W+2h, opened), shipped e3 (UNDELIVERED, W+3h, clicked), shipped e4 FAILED (never sent);
     * C-3 order_confirmed e6 (W+4h). Out: e5 shipped sent the next day (opened), s1 an SMS (clicked, as if).
     * Unsubscribes: C-1 at W+1h30 (last email before it: e1, shipped), C-2 at W+4h (no email: in no type), C-3 at
     * W+5h (e6, order_confirmed), C-4 the day before (out).
     *   shipped:         sent 2 (e1, e3), opened 1, clicked 2, opt-outs 1
     *   order_confirmed: sent 2 (e0, e6), opened 0, clicked 0, opt-outs 1
     *   delayed:         sent 1, opened 1, clicked 0, opt-outs 0
     *   all:             sent 5, opened 2, clicked 2, opt-outs 2
     */
    private static void seed(JdbcTemplate jdbc) {
        email(jdbc, "e0", "C-1", "order_confirmed", "SENT", W.plusMinutes(30));
        email(jdbc, "e1", "C-1", "shipped", "SENT", W.plusHours(1));
        email(jdbc, "e2", "C-1", "delayed", "DELIVERED", W.plusHours(2));
        email(jdbc, "e3", "C-1", "shipped", "UNDELIVERED", W.plusHours(3));
        email(jdbc, "e4", "C-1", "shipped", "FAILED", null);
        email(jdbc, "e5", "C-1", "shipped", "SENT", W.plusHours(25));
        email(jdbc, "e6", "C-3", "order_confirmed", "SENT", W.plusHours(4));
        jdbc.update("INSERT INTO notification (id, subject_key, type, channel, customer_id, locale, recipient, "
                        + "body_text, state, created_at, updated_at, sent_at) "
                        + "VALUES ('s1', 'order:o', 'shipped', 'sms', 'C-1', 'en', 'someone', 'text', 'SENT', ?, ?, ?)",
                W.plusHours(1), W.plusHours(1), W.plusHours(1));

        engagement(jdbc, "e1", W.plusHours(1).plusMinutes(1), 3, W.plusHours(1).plusMinutes(2), 1);
        engagement(jdbc, "e2", W.plusHours(2).plusMinutes(1), 1, null, 0);
        engagement(jdbc, "e3", null, 0, W.plusHours(3).plusMinutes(1), 1);
        engagement(jdbc, "e5", W.plusHours(26), 1, null, 0);
        engagement(jdbc, "s1", null, 0, W.plusHours(1).plusMinutes(1), 1);

        unsubscribe(jdbc, "C-1", W.plusMinutes(90));
        unsubscribe(jdbc, "C-2", W.plusHours(4));
        unsubscribe(jdbc, "C-3", W.plusHours(5));
        unsubscribe(jdbc, "C-4", W.minusHours(1));
    }

    private static void email(JdbcTemplate jdbc, String id, String customerId, String type, String state,
                              OffsetDateTime sentAt) {
        OffsetDateTime created = sentAt == null ? W.plusHours(6) : sentAt.minusSeconds(5);
        // its decision, as Herald records one for every attempt
        jdbc.update("INSERT INTO decision (id, subject_key, type, trigger_fingerprint, rule, critical, customer_id, "
                        + "facts, event_occurred_at, state, recipient_day, created_at, updated_at) "
                        + "VALUES (?, 'order:o', ?, ?, ?, FALSE, ?, '{}', ?, 'DECIDED', ?, ?, ?)",
                "d-" + id, type, "fp-" + id, type, customerId, created, created.toLocalDate(), created, created);
        jdbc.update("INSERT INTO notification (id, subject_key, type, channel, customer_id, locale, recipient, "
                        + "body_text, state, created_at, updated_at, sent_at, decision_id) "
                        + "VALUES (?, 'order:o', ?, 'email', ?, 'en', 'someone', 'text', ?, ?, ?, ?, ?)",
                id, type, customerId, state, created, created, sentAt, "d-" + id);
    }

    private static void engagement(JdbcTemplate jdbc, String id, OffsetDateTime firstOpen, int opens,
                                   OffsetDateTime firstClick, int clicks) {
        jdbc.update("INSERT INTO email_engagement (notification_id, first_opened_at, opens, first_clicked_at, clicks) "
                + "VALUES (?, ?, ?, ?, ?)", id, firstOpen, opens, firstClick, clicks);
    }

    private static void unsubscribe(JdbcTemplate jdbc, String customerId, OffsetDateTime at) {
        jdbc.update("INSERT INTO email_unsubscribe (customer_id, unsubscribed_at, source) VALUES (?, ?, 'one-click')",
                customerId, at);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void openClickAndOptOutRatesAreCountedByTypeAgainstEmailsSent(Database database) {
        KpiReport.EmailEngagement email = new Kpis(database.jdbc(), new SqlFiles(), new io.herald.sms.SmsConversations(database.jdbc(), new SqlFiles())).report(FROM, TO).email();

        assertThat(email.byType()).containsOnlyKeys("delayed", "order_confirmed", "shipped");
        assertThat(email.byType().get("shipped"))
                .isEqualTo(new KpiReport.TypeEngagement(2, 1, 2, 1, 0.5, 1.0, 0.5));
        assertThat(email.byType().get("order_confirmed"))
                .isEqualTo(new KpiReport.TypeEngagement(2, 0, 0, 1, 0.0, 0.0, 0.5));
        assertThat(email.byType().get("delayed"))
                .isEqualTo(new KpiReport.TypeEngagement(1, 1, 0, 0, 1.0, 0.0, 0.0));
        assertThat(email).extracting(KpiReport.EmailEngagement::sent, KpiReport.EmailEngagement::opened,
                        KpiReport.EmailEngagement::clicked, KpiReport.EmailEngagement::optOuts,
                        KpiReport.EmailEngagement::openRate, KpiReport.EmailEngagement::clickRate,
                        KpiReport.EmailEngagement::optOutRate)
                .containsExactly(5L, 2L, 2L, 2L, 0.4, 0.4, 0.4);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aWindowWithoutEmailHasNoRates(Database database) {
        KpiReport.EmailEngagement email = new Kpis(database.jdbc(), new SqlFiles(), new io.herald.sms.SmsConversations(database.jdbc(), new SqlFiles()))
                .report(W.minusDays(5).toInstant(), W.minusDays(4).toInstant()).email();

        assertThat(email.byType()).isEmpty();
        assertThat(email.sent()).isZero();
        assertThat(email.openRate()).isNull();
        assertThat(email.clickRate()).isNull();
        assertThat(email.optOutRate()).isNull();
    }
}
