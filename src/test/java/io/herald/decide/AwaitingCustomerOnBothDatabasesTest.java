package io.herald.decide;

import static org.assertj.core.api.Assertions.assertThat;

import io.herald.db.BothDatabases;
import io.herald.support.SqlFiles;
import java.sql.SQLException;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;

/**
 * The decisions an order or customer event releases (decisions waiting for their customer), on PostgreSQL and H2:
 * those of the order itself or of its shipments, or of every order of the customer; found through keys, as it runs
 * for every order and customer event and customer_order keeps every order.
 */
class AwaitingCustomerOnBothDatabasesTest {

    @RegisterExtension
    static final BothDatabases.Migrated DATABASES = BothDatabases.migrated();

    private static final OffsetDateTime T0 = OffsetDateTime.of(2026, 3, 1, 10, 0, 0, 0, ZoneOffset.UTC);

    static List<BothDatabases.Database> databases() {
        return DATABASES.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void anOrderReleasesItsOwnAndItsShipmentsWaitingDecisionsAndACustomerThoseOfAllTheirOrders(
            BothDatabases.Database database) {
        JdbcTemplate jdbc = database.jdbc().getJdbcTemplate();
        String customer = "C-" + UUID.randomUUID();
        String first = "SO-" + UUID.randomUUID();
        String second = "SO-" + UUID.randomUUID();
        String stranger = "SO-" + UUID.randomUUID();
        order(jdbc, first, customer);
        order(jdbc, second, customer);
        order(jdbc, stranger, "C-" + UUID.randomUUID());
        String tracking = "1Z" + UUID.randomUUID().toString().substring(0, 8);
        jdbc.update("INSERT INTO shipment (carrier, tracking_number, status, order_id, last_event_at, updated_at) "
                + "VALUES ('ups', ?, 'IN_TRANSIT', ?, ?, ?)", tracking, first, T0, T0);

        String ofFirst = decision(jdbc, first, null, "AWAITING_CUSTOMER");
        String ofFirstsShipment = decision(jdbc, null, tracking, "AWAITING_CUSTOMER");
        String ofSecond = decision(jdbc, second, null, "AWAITING_CUSTOMER");
        decision(jdbc, stranger, null, "AWAITING_CUSTOMER");
        decision(jdbc, first, null, "DECIDED");
        DecisionStore store = new DecisionStore(database.jdbc(), new SqlFiles(),
                new QuietHours(LocalTime.of(21, 0), LocalTime.of(8, 0), Set.of(), QuietHours.Critical.DEFER,
                        ZoneId.of("Europe/Berlin")), null);

        assertThat(store.awaitingFor(first, null)).containsExactlyInAnyOrder(ofFirst, ofFirstsShipment);
        assertThat(store.awaitingFor(null, customer)).containsExactlyInAnyOrder(ofFirst, ofFirstsShipment, ofSecond);
        assertThat(store.awaitingFor("SO-UNKNOWN", null)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void theOrdersAreFoundByTheirKeysNotByReadingEveryOrder(BothDatabases.Database database) throws SQLException {
        for (MapSqlParameterSource keys : List.of(
                new MapSqlParameterSource().addValue("orderId", "SO-1").addValue("customerId", null),
                new MapSqlParameterSource().addValue("orderId", null).addValue("customerId", "C-1"))) {
            String plan = database.planOf("decide/list-awaiting-for-customer", keys);

            if (database.vendor().equals("h2")) {
                assertThat(plan).doesNotContain("customer_order.tablescan");
            } else {
                assertThat(plan).doesNotContain("seq scan on customer_order");
            }
        }
    }

    private static void order(JdbcTemplate jdbc, String orderId, String customerId) {
        jdbc.update("INSERT INTO customer_order (order_id, status, customer_id, last_event_at, updated_at) "
                + "VALUES (?, 'PLACED', ?, ?, ?)", orderId, customerId, T0, T0);
    }

    private static String decision(JdbcTemplate jdbc, String orderId, String tracking, String state) {
        String id = UUID.randomUUID().toString();
        String subject = tracking == null ? "order:" + orderId : "shipment:ups:" + tracking;
        jdbc.update("INSERT INTO decision (id, subject_key, type, trigger_fingerprint, rule, critical, order_id, "
                        + "carrier, tracking_number, facts, event_occurred_at, state, created_at, updated_at) "
                        + "VALUES (?, ?, 'shipped', ?, 'shipped', FALSE, ?, ?, ?, '{}', ?, ?, ?, ?)",
                id, subject, "fp-" + id, orderId, tracking == null ? null : "ups", tracking, T0, state, T0, T0);
        return id;
    }
}
