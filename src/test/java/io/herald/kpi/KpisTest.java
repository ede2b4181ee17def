package io.herald.kpi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.herald.db.BothDatabases;
import io.herald.db.BothDatabases.Database;
import io.herald.support.SqlFiles;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

/**
 * The KPIs against a notification log seeded row by row, on PostgreSQL and H2. Every expected figure is worked out
 * by hand from the rows below, not by running SQL.
 */
class KpisTest {

    /** The window: one day. */
    private static final OffsetDateTime W = OffsetDateTime.of(2025, 3, 10, 0, 0, 0, 0, ZoneOffset.UTC);
    private static final Instant FROM = W.toInstant();
    private static final Instant TO = W.plusDays(1).toInstant();

    private static BothDatabases databases;

    @BeforeAll
    static void seedTheLog() throws IOException {
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
     * Orders o-1 .. o-20: first event recorded at W + i h (a second one recorded 10 min later, though it occurred a
     * day earlier); first sent by email 30 * i s after it (o-20: 3600 s); an SMS, delivered, 2 h after it.
     *   durations 30, 60, ..., 570, 3600: mean (30 * 190 + 3600) / 20 = 465 s; p95 by nearest rank is the
     *   CEILING(0.95 * 20) = 19th smallest, 570 s (interpolation would give 621.5 s).
     * o-early: first sent before the window (out). o-unknown: sent in the window, but has no timeline (out).
     * Shipments: T1 email SENT, sms DELIVERED, email UNDELIVERED; T2 email SENT, sms UNDELIVERED; T3 email FAILED;
     * T4 sms SENDING, email DECIDED; T5 email SENT the next day; T6 email created before the window, sent in it.
     *
     * Created in the window, by state and channel:
     *   email SENT 20 + o-unknown + T1 + T2 = 23, UNDELIVERED 1, FAILED 1, DECIDED 1
     *   sms DELIVERED 20 + T1 = 21, UNDELIVERED 1, SENDING 1
     * email: attempted 23 + 1 + 1 = 25, sent 24, delivered 0 (no callbacks: counted against sent) -> 24/25 = 0.96
     * sms:   attempted 21 + 1 = 22, sent 22, delivered 21 -> 21/22
     * all:   attempted 47, sent 46, delivered 21, reached 24 + 21 = 45 -> 45/47
     * Messages per shipment, sent in the window: T1 3, T2 2, T6 1 = 6 over 3 shipments = 2.0.
     */
    private static void seed(JdbcTemplate jdbc) {
        for (int i = 1; i <= 20; i++) {
            OffsetDateTime first = W.plusHours(i);
            String order = "o-" + i;
            timeline(jdbc, order, first, first);
            timeline(jdbc, order, first.minusDays(1), first.plusMinutes(10));
            notification(jdbc, "email", "SENT", order, null, first.plusSeconds(10),
                    first.plusSeconds(i < 20 ? 30L * i : 3600));
            notification(jdbc, "sms", "DELIVERED", order, null, first.plusMinutes(20), first.plusHours(2));
        }
        timeline(jdbc, "o-early", W.minusHours(2), W.minusHours(2));
        notification(jdbc, "email", "SENT", "o-early", null, W.minusHours(1), W.minusMinutes(59));
        notification(jdbc, "email", "SENT", "o-unknown", null, W.plusHours(1), W.plusHours(1).plusMinutes(1));

        notification(jdbc, "email", "SENT", null, "T1", W.plusHours(2), W.plusHours(2).plusMinutes(1));
        notification(jdbc, "sms", "DELIVERED", null, "T1", W.plusHours(2), W.plusHours(2).plusMinutes(1));
        notification(jdbc, "email", "UNDELIVERED", null, "T1", W.plusHours(3), W.plusHours(3).plusMinutes(1));
        notification(jdbc, "email", "SENT", null, "T2", W.plusHours(4), W.plusHours(4).plusMinutes(1));
        notification(jdbc, "sms", "UNDELIVERED", null, "T2", W.plusHours(4), W.plusHours(4).plusMinutes(1));
        notification(jdbc, "email", "FAILED", null, "T3", W.plusHours(5), null);
        notification(jdbc, "sms", "SENDING", null, "T4", W.plusHours(6), null);
        notification(jdbc, "email", "DECIDED", null, "T4", W.plusHours(6), null);
        notification(jdbc, "email", "SENT", null, "T5", W.plusHours(25), W.plusHours(25).plusMinutes(1));
        notification(jdbc, "email", "SENT", null, "T6", W.minusHours(1), W.plusMinutes(1));

        decision(jdbc, "SUPPRESSED", "cap:per-shipment", W.plusHours(1));
        decision(jdbc, "SUPPRESSED", "cap:per-shipment", W.plusHours(2));
        decision(jdbc, "SUPPRESSED", "preference", W.plusHours(3));
        decision(jdbc, "SUPPRESSED", "preference", W.minusHours(1));
        decision(jdbc, "SUPERSEDED", "newer status", W.plusHours(4));
        decision(jdbc, "SUPERSEDED", "newer status", W.plusHours(5));
        decision(jdbc, "SUPERSEDED", "newer status", W.plusHours(6));
        decision(jdbc, "DEFERRED", "quiet hours", W.plusHours(7));
        decision(jdbc, "DROPPED", null, W.plusHours(8));
        decision(jdbc, "DECIDED", null, W.plusHours(9));
        decision(jdbc, "DECIDED", null, W.plusHours(10));

        jdbc.update("INSERT INTO sms_opt_out (phone, opted_out_at, source, opted_in_at) VALUES (?, ?, ?, ?)",
                "+14155550101", W.plusHours(1), "twilio", W.plusHours(2));
        jdbc.update("INSERT INTO sms_opt_out (phone, opted_out_at, source) VALUES (?, ?, ?)",
                "+14155550102", W.plusHours(3), "twilio");
        jdbc.update("INSERT INTO sms_opt_out (phone, opted_out_at, source) VALUES (?, ?, ?)",
                "+14155550103", W.minusHours(1), "twilio");
        jdbc.update("INSERT INTO email_unsubscribe (customer_id, unsubscribed_at, source) VALUES (?, ?, ?)",
                "C-1", W.plusHours(5), "one-click");
        jdbc.update("INSERT INTO email_unsubscribe (customer_id, unsubscribed_at, source) VALUES (?, ?, ?)",
                "C-2", W.plusHours(30), "one-click");
    }

    private static void timeline(JdbcTemplate jdbc, String orderId, OffsetDateTime occurredAt,
                                 OffsetDateTime recordedAt) {
        jdbc.update("INSERT INTO timeline (subject_key, event_type, source, occurred_at, status, fingerprint, "
                        + "recorded_at) VALUES (?, 'order', 'oms', ?, 'PLACED', ?, ?)",
                "order:" + orderId, occurredAt, UUID.randomUUID().toString(), recordedAt);
    }

    private static void notification(JdbcTemplate jdbc, String channel, String state, String orderId,
                                     String trackingNumber, OffsetDateTime createdAt, OffsetDateTime sentAt) {
        String subject = orderId != null ? "order:" + orderId : "shipment:ups:" + trackingNumber;
        jdbc.update("INSERT INTO notification (id, subject_key, type, channel, order_id, tracking_number, locale, "
                        + "recipient, body_text, state, created_at, updated_at, sent_at) "
                        + "VALUES (?, ?, 'shipped', ?, ?, ?, 'en', 'someone', 'text', ?, ?, ?, ?)",
                UUID.randomUUID().toString(), subject, channel, orderId, trackingNumber, state, createdAt,
                sentAt != null ? sentAt : createdAt, sentAt);
    }

    private static void decision(JdbcTemplate jdbc, String state, String reason, OffsetDateTime createdAt) {
        jdbc.update("INSERT INTO decision (id, subject_key, type, trigger_fingerprint, rule, critical, facts, "
                        + "event_occurred_at, state, reason, created_at, updated_at) "
                        + "VALUES (?, 'shipment:ups:T1', 'shipped', ?, 'shipped', FALSE, '{}', ?, ?, ?, ?, ?)",
                UUID.randomUUID().toString(), UUID.randomUUID().toString(), createdAt, state, reason, createdAt,
                createdAt);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void kpisAgreeWithTheNotificationLog(Database database) {
        KpiReport report = new Kpis(database.jdbc(), new SqlFiles(), new io.herald.sms.SmsConversations(database.jdbc(), new SqlFiles())).report(FROM, TO);

        assertThat(report.notifications()).isEqualTo(Map.of(
                "SENT", Map.of("email", 23L),
                "UNDELIVERED", Map.of("email", 1L, "sms", 1L),
                "FAILED", Map.of("email", 1L),
                "DECIDED", Map.of("email", 1L),
                "DELIVERED", Map.of("sms", 21L),
                "SENDING", Map.of("sms", 1L)));

        KpiReport.Delivery delivery = report.delivery();
        assertThat(delivery.attempted()).isEqualTo(47);
        assertThat(delivery.sent()).isEqualTo(46);
        assertThat(delivery.delivered()).isEqualTo(21);
        assertThat(delivery.reached()).isEqualTo(45);
        assertThat(delivery.rate()).isCloseTo(0.957447, within(1e-6));
        assertThat(delivery.byChannel().get("email"))
                .isEqualTo(new KpiReport.ChannelDelivery(25, 24, 0, "sent", 0.96));
        assertThat(delivery.byChannel().get("sms")).satisfies(sms -> {
            assertThat(sms.attempted()).isEqualTo(22);
            assertThat(sms.sent()).isEqualTo(22);
            assertThat(sms.delivered()).isEqualTo(21);
            assertThat(sms.basis()).isEqualTo("delivered");
            assertThat(sms.rate()).isCloseTo(0.954545, within(1e-6));
        });

        assertThat(report.timeToFirstUpdate()).isEqualTo(new KpiReport.TimeToFirstUpdate(20, 465.0, 570.0));
        assertThat(report.messagesPerShipment()).isEqualTo(new KpiReport.MessagesPerShipment(6, 3, 2.0));
        assertThat(report.notSent()).isEqualTo(Map.of(
                "SUPPRESSED", Map.of("cap:per-shipment", 2L, "preference", 1L),
                "SUPERSEDED", Map.of("newer status", 3L),
                "DEFERRED", Map.of("quiet hours", 1L),
                "DROPPED", Map.of("none", 1L)));
        assertThat(report.optOuts()).isEqualTo(new KpiReport.OptOuts(2, 1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void anEmptyWindowHasNoRatesRatherThanZeros(Database database) {
        Instant night = W.minusDays(10).toInstant();
        KpiReport report = new Kpis(database.jdbc(), new SqlFiles(), new io.herald.sms.SmsConversations(database.jdbc(), new SqlFiles())).report(night, night.plus(Duration.ofHours(1)));

        assertThat(report.notifications()).isEmpty();
        assertThat(report.delivery().rate()).isNull();
        assertThat(report.timeToFirstUpdate()).isEqualTo(new KpiReport.TimeToFirstUpdate(0, null, null));
        assertThat(report.messagesPerShipment().mean()).isNull();
    }

    /*
     * Email feedback in its own window V = W + 30 days: a@ bounced before V and complained in it (not new to the list);
     * b@ bounced twice in V, two attempts (new, one address); c@ complained after V.
     * In V: bounces 2, complaints 1, addresses newly suppressed 1.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void emailFeedbackCountsBouncesComplaintsAndNewlySuppressedAddresses(Database database) {
        OffsetDateTime v = W.plusDays(30);
        JdbcTemplate jdbc = database.jdbc().getJdbcTemplate();
        String insert = "INSERT INTO email_suppression (address, kind, source, notification_id, suppressed_at) "
                + "VALUES (?, ?, 'dsn', ?, ?)";
        jdbc.update(insert, "a@kpi.example", "BOUNCE", "n-1", v.minusDays(1));
        jdbc.update(insert, "a@kpi.example", "COMPLAINT", "n-2", v.plusHours(1));
        jdbc.update(insert, "b@kpi.example", "BOUNCE", "n-3", v.plusHours(2));
        jdbc.update(insert, "b@kpi.example", "BOUNCE", "n-4", v.plusHours(3));
        jdbc.update(insert, "c@kpi.example", "COMPLAINT", "n-5", v.plusDays(1).plusHours(1));

        KpiReport report = new Kpis(database.jdbc(), new SqlFiles(), new io.herald.sms.SmsConversations(database.jdbc(), new SqlFiles())).report(v.toInstant(), v.plusDays(1).toInstant());

        assertThat(report.emailFeedback()).isEqualTo(new KpiReport.EmailFeedback(2, 1, 1));
    }

    /*
     * SMS refusals in the same window V: +1 was refused before V and again in it (not new to the list); +2 twice in V,
     * two attempts (new, one number); +3 after V. In V: refusals 3, numbers newly suppressed 1.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void smsFeedbackCountsRefusalsAndNewlySuppressedNumbers(Database database) {
        OffsetDateTime v = W.plusDays(30);
        JdbcTemplate jdbc = database.jdbc().getJdbcTemplate();
        String insert = "INSERT INTO sms_suppression (phone, error_code, notification_id, suppressed_at) "
                + "VALUES (?, ?, ?, ?)";
        jdbc.update(insert, "+4915112340001", 30005, "s-1", v.minusDays(1));
        jdbc.update(insert, "+4915112340001", 30005, "s-2", v.plusHours(1));
        jdbc.update(insert, "+4915112340002", 21211, "s-3", v.plusHours(2));
        jdbc.update(insert, "+4915112340002", 21211, "s-4", v.plusHours(3));
        jdbc.update(insert, "+4915112340003", 30006, "s-5", v.plusDays(1).plusHours(1));

        KpiReport report = new Kpis(database.jdbc(), new SqlFiles(), new io.herald.sms.SmsConversations(
                database.jdbc(), new SqlFiles())).report(v.toInstant(), v.plusDays(1).toInstant());

        assertThat(report.smsFeedback()).isEqualTo(new KpiReport.SmsFeedback(3, 1));
    }

    /*
     * The notification table keeps every attempt for the KPIs, so a figure over the attempts sent in a window reads
     * them by their sent_at, and the time to the first update an order's earlier attempts by its id, never the table.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void theFiguresOverAttemptsSentInTheWindowReadThemThroughAnIndexNotTheWholeTable(Database database)
            throws SQLException {
        MapSqlParameterSource window = new MapSqlParameterSource().addValue("from", W).addValue("to", W.plusDays(1));
        for (String statement : List.of("kpi/count-sent-by-channel-and-type", "kpi/count-email-engagement",
                "kpi/count-messages-per-shipment", "kpi/time-to-first-update")) {
            String plan = database.planOf(statement, window);

            assertThat(plan).as(statement).contains("notification_sent");
            if (database.vendor().equals("h2")) {
                assertThat(plan).as(statement).doesNotContain("notification.tablescan");
            } else {
                assertThat(plan).as(statement).doesNotContain("seq scan on notification");
            }
        }
        if (database.vendor().equals("h2")) {
            // PostgreSQL chooses between the two indexes by its statistics, which a table of a few rows does not have
            assertThat(database.planOf("kpi/time-to-first-update", window)).contains("notification_order");
        }
    }

    private static MockMvc api() {
        Database h2 = databases.all().get(1);
        return MockMvcBuilders.standaloneSetup(new KpiController(new Kpis(h2.jdbc(), new SqlFiles(), new io.herald.sms.SmsConversations(h2.jdbc(), new SqlFiles())))).build();
    }

    @Test
    void kpisApiAnswersTheWindowsFigures() throws Exception {
        api().perform(get("/api/v1/kpis").param("from", "2025-03-10T00:00:00Z").param("to", "2025-03-11T00:00:00Z"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.timeToFirstUpdate.p95Seconds").value(570.0))
                .andExpect(jsonPath("$.delivery.byChannel.email.rate").value(0.96))
                .andExpect(jsonPath("$.optOuts.sms").value(2));
    }

    @ParameterizedTest
    @ValueSource(strings = {"from=2025-03-10T00:00:00Z", "from=yesterday&to=2025-03-11T00:00:00Z",
            "from=2025-03-11T00:00:00Z&to=2025-03-10T00:00:00Z"})
    void kpisApiRefusesAMissingUnreadableOrBackwardWindow(String query) throws Exception {
        api().perform(get("/api/v1/kpis?" + query))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(400));
    }
}
