package io.herald.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import io.herald.MovableClock;
import io.herald.db.BothDatabases;
import io.herald.ops.HeraldMetrics;
import io.herald.ops.SourceHealth;
import io.herald.support.SqlFiles;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A carrier's 429 pause is shared through {@code carrier_pause}: two {@link CarrierPolls}, as two Herald instances
 * would have, on one database (PostgreSQL and H2), each with its own clock that the test moves.
 */
class CarrierPauseOnBothDatabasesTest {

    private static final Instant START = Instant.parse("2026-03-10T09:00:00Z");
    private static final Duration FAILURE_BACKOFF = Duration.ofMinutes(5);

    private static BothDatabases databases;
    private static CamelContext camel;

    @BeforeAll
    static void start() throws IOException {
        camel = new DefaultCamelContext();
        camel.start();
        databases = BothDatabases.start();
        databases.all().forEach(database -> database.migrate(null));
    }

    @AfterAll
    static void stop() throws Exception {
        camel.close();
        databases.close();
    }

    static List<BothDatabases.Database> databases() {
        return databases.all();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void rateLimitSeenByOneInstancePausesTheCarrierForTheOtherUntilItsRetryAfter(BothDatabases.Database database) {
        String carrier = "dhl";
        MovableClock clock = new MovableClock(START);
        CarrierPolls first = polls(database, clock, carrier);
        CarrierPolls second = polls(database, clock, carrier);
        String limited = shipment(database, carrier);
        PollTarget taken = first.due().stream().filter(t -> t.trackingNumber().equals(limited)).findFirst()
                .orElseThrow();
        String other = shipment(database, carrier);

        first.failed(exchange(taken, rateLimited("120")));

        assertThat(second.pausedUntil(carrier)).isEqualTo(START.plusSeconds(120));
        assertThat(second.isPaused(target(carrier, other))).isTrue();
        assertThat(second.due()).as("no shipment of a paused carrier is taken").isEmpty();

        clock.advance(Duration.ofSeconds(119));
        assertThat(second.due()).isEmpty();
        assertThat(second.isPaused(target(carrier, other))).isTrue();

        clock.advance(Duration.ofSeconds(1));
        assertThat(second.isPaused(target(carrier, other))).isFalse();
        assertThat(second.due()).extracting(PollTarget::trackingNumber).containsExactlyInAnyOrder(limited, other);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void backoffWithoutRetryAfterDoublesAcrossInstancesUntilAPollIsAnswered(BothDatabases.Database database) {
        String carrier = "usps";
        MovableClock clock = new MovableClock(START);
        CarrierPolls first = polls(database, clock, carrier);
        CarrierPolls second = polls(database, clock, carrier);
        shipment(database, carrier);

        first.failed(exchange(only(first.due()), rateLimited(null)));
        assertThat(second.pausedUntil(carrier)).as("the first 429").isEqualTo(START.plus(FAILURE_BACKOFF));

        clock.advance(FAILURE_BACKOFF);
        Instant secondStrike = clock.instant();
        second.failed(exchange(only(second.due()), rateLimited(null)));
        assertThat(first.pausedUntil(carrier)).as("the second 429 in a row, at the other instance")
                .isEqualTo(secondStrike.plus(FAILURE_BACKOFF.multipliedBy(2)));
        assertThat(first.due()).isEmpty();

        clock.advance(FAILURE_BACKOFF.multipliedBy(2));
        first.polled(exchange(only(first.due()), null));
        String next = shipment(database, carrier);
        Instant afterAnswer = clock.instant();
        PollTarget fresh = only(second.due());
        assertThat(fresh.trackingNumber()).isEqualTo(next);
        second.failed(exchange(fresh, rateLimited(null)));
        assertThat(first.pausedUntil(carrier)).as("an answered poll ends the run of 429s")
                .isEqualTo(afterAnswer.plus(FAILURE_BACKOFF));
        assertThat(new JdbcTemplate(database.dataSource()).queryForObject(
                "SELECT strikes FROM carrier_pause WHERE carrier = ?", Integer.class, carrier)).isEqualTo(1);
    }

    private static PollTarget only(List<PollTarget> due) {
        assertThat(due).hasSize(1);
        return due.get(0);
    }

    /** An instance polling only the test's own carrier, so the other test's shipments are not due here. */
    private static CarrierPolls polls(BothDatabases.Database database, MovableClock clock, String carrier) {
        PollingProperties.Carrier polled = new PollingProperties.Carrier(true, false, URI.create("http://127.0.0.1"),
                null, "id", "secret", "key");
        PollingProperties properties = new PollingProperties(60_000, 0, 10, Duration.ofMinutes(5),
                Duration.ofDays(30), new PollingProperties.Schedule(Duration.ofMinutes(15), Duration.ofMinutes(45),
                Duration.ofHours(36), Duration.ofHours(3), Duration.ofHours(6), Duration.ofHours(12),
                FAILURE_BACKOFF, Duration.ofHours(6)), new PollingProperties.Retry(0, 0, 0),
                Map.of(carrier, polled));
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        HeraldMetrics metrics = new HeraldMetrics(meters);
        return new CarrierPolls(database.jdbc(), new SqlFiles(), properties, metrics,
                new SourceHealth(metrics, meters, 0.5, 10), clock);
    }

    /** A shipment in transit of the carrier, never polled, whose last event was an hour before the start. */
    private static String shipment(BothDatabases.Database database, String carrier) {
        String tracking = carrier.toUpperCase() + UUID.randomUUID().toString().substring(0, 12);
        new JdbcTemplate(database.dataSource()).update("INSERT INTO shipment "
                + "(carrier, tracking_number, status, last_event_at, updated_at) VALUES (?, ?, 'IN_TRANSIT', ?, ?)",
                carrier, tracking, START.minusSeconds(3600).atOffset(ZoneOffset.UTC),
                START.minusSeconds(3600).atOffset(ZoneOffset.UTC));
        return tracking;
    }

    private static PollTarget target(String carrier, String tracking) {
        return new PollTarget(carrier, tracking, "IN_TRANSIT", null, 0);
    }

    private static HttpOperationFailedException rateLimited(String retryAfter) {
        return new HttpOperationFailedException("http://127.0.0.1/track", 429, "Too Many Requests", null,
                retryAfter == null ? Map.of() : Map.of("Retry-After", retryAfter), "");
    }

    private static Exchange exchange(PollTarget target, Exception failure) {
        Exchange exchange = new DefaultExchange(camel);
        exchange.setProperty(CarrierRequests.TARGET, target);
        exchange.setProperty(Exchange.EXCEPTION_CAUGHT, failure);
        return exchange;
    }
}
