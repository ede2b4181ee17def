package io.herald.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.herald.db.BothDatabases;
import io.herald.ops.HeraldMetrics;
import io.herald.support.SqlFiles;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;

/**
 * {@code GET /api/v1/notifications?orderId=…} and {@code ?trackingNumber=…}, on PostgreSQL and H2: an order's list
 * holds its own attempts and decisions and those of its shipments, each once, and both lists read the notification
 * and decision tables through their indexes, as the tables keep every attempt and decision.
 */
class NotificationListsOnBothDatabasesTest {

    @RegisterExtension
    static final BothDatabases.Migrated DATABASES = BothDatabases.migrated();

    private static final OffsetDateTime T0 = OffsetDateTime.of(2026, 3, 1, 10, 0, 0, 0, ZoneOffset.UTC);

    static List<BothDatabases.Database> databases() {
        return DATABASES.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void anOrdersListHoldsItsOwnAndItsShipmentsAttemptsAndUnsentDecisionsEachOnce(BothDatabases.Database database) {
        JdbcTemplate jdbc = database.jdbc().getJdbcTemplate();
        String order = "SO-" + UUID.randomUUID();
        String tracking = "1Z" + UUID.randomUUID().toString().substring(0, 8);
        String other = "1Z" + UUID.randomUUID().toString().substring(0, 8);
        shipment(jdbc, tracking, order);
        shipment(jdbc, other, "SO-OTHER");
        String shipment = "shipment:ups:" + tracking;

        String confirmed = decision(jdbc, "order:" + order, "order_confirmed", order, null, "DECIDED", 0);
        String confirmedEmail = attempt(jdbc, confirmed, "order:" + order, "order_confirmed", order, null, 1);
        // an attempt about the shipment that carries the order too: once, not once for each
        String shipped = decision(jdbc, shipment, "shipped", order, tracking, "DECIDED", 2);
        String shippedSms = attempt(jdbc, shipped, shipment, "shipped", order, tracking, 3);
        // about the shipment only
        String delayed = decision(jdbc, shipment, "delayed", null, tracking, "DECIDED", 4);
        String delayedEmail = attempt(jdbc, delayed, shipment, "delayed", null, tracking, 5);
        String held = decision(jdbc, shipment, "out_for_delivery", null, tracking, "HELD", 6);
        String suppressed = decision(jdbc, "order:" + order, "order_updated", order, null, "SUPPRESSED", 7);
        // another order's shipment and decision
        String elsewhere = decision(jdbc, "shipment:ups:" + other, "shipped", "SO-OTHER", other, "HELD", 8);

        NotificationLog log = new NotificationLog(database.jdbc(), new SqlFiles(),
                new HeraldMetrics(new SimpleMeterRegistry()), Clock.systemUTC());

        assertThat(log.byOrder(order)).extracting(Notification::id)
                .containsExactly(confirmedEmail, shippedSms, delayedEmail, held, suppressed);
        assertThat(log.byTrackingNumber(tracking)).extracting(Notification::id)
                .containsExactly(shippedSms, delayedEmail, held);
        assertThat(log.byTrackingNumber(other)).extracting(Notification::id).containsExactly(elsewhere);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void bothListsReadTheirAttemptsAndDecisionsThroughIndexesNotTheWholeTables(BothDatabases.Database database)
            throws SQLException {
        MapSqlParameterSource keys = new MapSqlParameterSource().addValue("orderId", "SO-1")
                .addValue("trackingNumber", "1Z1");
        for (String statement : List.of("notify/list-notifications-by-order", "notify/list-notifications-by-tracking")) {
            String plan = database.planOf(statement, keys);

            // H2 reads a table whole for an OR of two columns; PostgreSQL (enable_seqscan off) may read a whole index
            // instead, which this does not see: H2's plan is the sharper check
            if (database.vendor().equals("h2")) {
                assertThat(plan).as(statement).doesNotContain("notification.tablescan", "decision.tablescan");
            } else {
                assertThat(plan).as(statement).doesNotContain("seq scan on notification", "seq scan on decision");
            }
        }
    }

    private static void shipment(JdbcTemplate jdbc, String tracking, String orderId) {
        jdbc.update("INSERT INTO shipment (carrier, tracking_number, status, order_id, last_event_at, updated_at) "
                + "VALUES ('ups', ?, 'IN_TRANSIT', ?, ?, ?)", tracking, orderId, T0, T0);
    }

    private static String decision(JdbcTemplate jdbc, String subject, String type, String orderId, String tracking,
                                   String state, int minute) {
        String id = UUID.randomUUID().toString();
        OffsetDateTime at = T0.plusMinutes(minute);
        jdbc.update("INSERT INTO decision (id, subject_key, type, trigger_fingerprint, rule, critical, order_id, "
                        + "carrier, tracking_number, facts, event_occurred_at, state, created_at, updated_at) "
                        + "VALUES (?, ?, ?, ?, ?, FALSE, ?, ?, ?, '{}', ?, ?, ?, ?)",
                id, subject, type, "fp-" + id, type, orderId, tracking == null ? null : "ups", tracking, at, state, at,
                at);
        return id;
    }

    private static String attempt(JdbcTemplate jdbc, String decisionId, String subject, String type, String orderId,
                                  String tracking, int minute) {
        String id = UUID.randomUUID().toString();
        OffsetDateTime at = T0.plusMinutes(minute);
        jdbc.update("INSERT INTO notification (id, decision_id, subject_key, type, channel, order_id, carrier, "
                        + "tracking_number, locale, recipient, body_text, state, created_at, updated_at) "
                        + "VALUES (?, ?, ?, ?, 'email', ?, ?, ?, 'en', 'someone', 'text', 'DECIDED', ?, ?)",
                id, decisionId, subject, type, orderId, tracking == null ? null : "ups", tracking, at, at);
        return id;
    }
}
