package io.herald.decide;

import static org.assertj.core.api.Assertions.assertThat;

import io.herald.MovableClock;
import io.herald.db.BothDatabases;
import io.herald.db.BothDatabases.Database;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.mock.env.MockEnvironment;

/**
 * The stalled scan on PostgreSQL and H2: each shipment with a stall time for its carrier and status, and no scan for
 * that long, is told, however many older shipments have no stall time or a longer one; shipments are never deleted,
 * so those pile up. Each test has carriers of its own, so the others' shipments do not count in its assertions.
 */
class StalledShipmentsOnBothDatabasesTest {

    @RegisterExtension
    static final BothDatabases.Migrated DATABASES = BothDatabases.migrated();

    /** One more than a scan's batch. */
    private static final int PILE = 201;
    private static final Instant NOW = Instant.parse("2026-06-02T12:00:00Z");

    static List<Database> databases() {
        return DATABASES.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void anInTransitStallIsFoundPastMoreThanABatchOfOlderShipmentsThatNeverStall(Database database) {
        JdbcTemplate jdbc = database.jdbc().getJdbcTemplate();
        String old = carrier("old");
        // unused labels and unresolved exceptions: by default neither status has a stall time
        shipments(jdbc, old, "INFO_RECEIVED", PILE, hoursAgo(24 * 30));
        shipments(jdbc, old, "EXCEPTION", PILE, hoursAgo(24 * 30));
        String fresh = carrier("fresh");
        String stalled = shipments(jdbc, fresh, "IN_TRANSIT", 1, hoursAgo(73)).get(0);
        shipments(jdbc, fresh, "IN_TRANSIT", 1, hoursAgo(71));

        herald(database, new MockEnvironment()).stalled().scan();

        assertThat(stalledTold(jdbc, fresh)).containsExactly(stalled);
        assertThat(stalledTold(jdbc, old)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aCarrierThatStallsLaterDoesNotHoldBackAnotherCarriersStallAndItsOwnAreToldInBatches(Database database) {
        JdbcTemplate jdbc = database.jdbc().getJdbcTemplate();
        String slow = carrier("slow");
        String fast = carrier("fast");
        List<String> slowOnes = shipments(jdbc, slow, "IN_TRANSIT", PILE, hoursAgo(100));
        String stalled = shipments(jdbc, fast, "IN_TRANSIT", 1, hoursAgo(73)).get(0);
        MovableClock clock = new MovableClock(NOW);
        DecisionsOnBothDatabasesTest.Instance herald = herald(database, clock, new MockEnvironment()
                .withProperty("herald.rules.stalled.carriers." + slow + ".in_transit", "240h"));

        herald.stalled().scan();

        assertThat(stalledTold(jdbc, fast)).containsExactly(stalled);
        assertThat(stalledTold(jdbc, slow)).as("100 h of a carrier that stalls after 240 h").isEmpty();

        clock.advance(Duration.ofHours(145));
        herald.stalled().scan();
        assertThat(stalledTold(jdbc, slow)).as("a batch, oldest first").hasSize(PILE - 1)
                .doesNotContain(slowOnes.get(PILE - 1));
        herald.stalled().scan();
        assertThat(stalledTold(jdbc, slow)).as("the rest at the next scan")
                .containsExactlyInAnyOrderElementsOf(slowOnes);
        herald.stalled().scan();
        assertThat(stalledTold(jdbc, slow)).as("once per stall").hasSize(PILE);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aStallTimeOfACarrierForAnyStatusIsScannedPastOldShipmentsWithoutOne(Database database) {
        JdbcTemplate jdbc = database.jdbc().getJdbcTemplate();
        String other = carrier("other");
        String own = carrier("own");
        shipments(jdbc, other, "EXCEPTION", PILE, hoursAgo(24 * 30));
        shipments(jdbc, own, "AVAILABLE_FOR_PICKUP", PILE, hoursAgo(24 * 30));
        String stuckException = shipments(jdbc, own, "EXCEPTION", 1, hoursAgo(25)).get(0);
        String notDelivered = shipments(jdbc, own, "OUT_FOR_DELIVERY", 1, hoursAgo(25)).get(0);
        shipments(jdbc, own, "OUT_FOR_DELIVERY", 1, hoursAgo(23));
        shipments(jdbc, other, "EXCEPTION", 1, hoursAgo(25));
        shipments(jdbc, other, "OUT_FOR_DELIVERY", 1, hoursAgo(25));

        herald(database, new MockEnvironment()
                .withProperty("herald.rules.stalled.carriers." + own + ".exception", "24h")
                .withProperty("herald.rules.stalled.carriers." + own + ".out_for_delivery", "24h")).stalled().scan();

        assertThat(stalledTold(jdbc, own)).containsExactlyInAnyOrder(stuckException, notDelivered);
        assertThat(stalledTold(jdbc, other)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void eachStallTimeIsLookedForThroughAnIndexNotByReadingEveryShipment(Database database) throws SQLException {
        // a table of a few carriers' shipments, with statistics: H2 gathers its own every 2000 changed rows, and
        // without them it cannot tell that a carrier narrows the rows
        JdbcTemplate jdbc = database.jdbc().getJdbcTemplate();
        for (int c = 0; c < 5; c++) {
            String carrier = carrier("many");
            shipments(jdbc, carrier, "IN_TRANSIT", 100, hoursAgo(24 * 10));
            shipments(jdbc, carrier, "EXCEPTION", 100, hoursAgo(24 * 10));
        }
        jdbc.execute(database.vendor().equals("h2") ? "ANALYZE" : "ANALYZE shipment");
        OffsetDateTime before = hoursAgo(72).atOffset(ZoneOffset.UTC);
        MapSqlParameterSource everyCarrier = new MapSqlParameterSource().addValue("status", "IN_TRANSIT")
                .addValue("before", before).addValue("limit", 200).addValue("exceptCarriers", List.of("ups", "dhl"));
        MapSqlParameterSource oneCarrier = new MapSqlParameterSource().addValue("status", "EXCEPTION")
                .addValue("carrier", "ups").addValue("before", before).addValue("limit", 200);

        String plan = database.planOf("decide/list-stalled-shipments", everyCarrier);
        String ofCarrier = database.planOf("decide/list-stalled-shipments-of-carrier", oneCarrier);

        assertThat(plan).contains("shipment_stall");
        // a carrier's own stall time: only its rows of that status, not every carrier's old exceptions
        assertThat(ofCarrier).contains("shipment_carrier_stall");
        if (database.vendor().equals("h2")) {
            assertThat(plan + ofCarrier).doesNotContain("shipment.tablescan");
        } else {
            assertThat(plan + ofCarrier).doesNotContain("seq scan on shipment");
        }
    }

    private static DecisionsOnBothDatabasesTest.Instance herald(Database database, MockEnvironment settings) {
        return herald(database, new MovableClock(NOW), settings);
    }

    private static DecisionsOnBothDatabasesTest.Instance herald(Database database, MovableClock clock,
                                                                MockEnvironment settings) {
        return DecisionsOnBothDatabasesTest.Instance.on(database, clock, Duration.ZERO,
                new QuietHours(LocalTime.of(21, 0), LocalTime.of(8, 0), Set.of(), QuietHours.Critical.DEFER,
                        ZoneId.of("Europe/Berlin")), new RuleSettings(settings));
    }

    /** Shipments of the carrier in the status, their last scans a minute apart from {@code oldest} on. */
    private static List<String> shipments(JdbcTemplate jdbc, String carrier, String status, int count,
                                          Instant oldest) {
        List<String> trackingNumbers = new ArrayList<>();
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String tracking = "1Z" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
            OffsetDateTime at = oldest.plus(Duration.ofMinutes(i)).atOffset(ZoneOffset.UTC);
            trackingNumbers.add(tracking);
            rows.add(new Object[] {carrier, tracking, status, at, at});
        }
        jdbc.batchUpdate("INSERT INTO shipment (carrier, tracking_number, status, last_event_at, updated_at) "
                + "VALUES (?, ?, ?, ?, ?)", rows);
        return trackingNumbers;
    }

    private static List<String> stalledTold(JdbcTemplate jdbc, String carrier) {
        return jdbc.queryForList("SELECT tracking_number FROM decision WHERE carrier = ? AND type = 'stalled'",
                String.class, carrier);
    }

    private static Instant hoursAgo(long hours) {
        return NOW.minus(Duration.ofHours(hours));
    }

    private static String carrier(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
