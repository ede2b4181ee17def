package io.herald.customer;

import static org.assertj.core.api.Assertions.assertThat;

import io.herald.MovableClock;
import io.herald.db.BothDatabases;
import io.herald.support.SqlFiles;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The lookup form's brake on guessing, on PostgreSQL and H2: the failures of an order number are rows of
 * {@code lookup_failure}, so two instances behind one load balancer, or one after its restart, count them together.
 */
class LookupAttemptsOnBothDatabasesTest {

    @RegisterExtension
    static final BothDatabases.Migrated DATABASES = BothDatabases.migrated();

    private final MovableClock clock = new MovableClock(Instant.parse("2026-03-01T10:00:00Z"));

    static List<BothDatabases.Database> databases() {
        return DATABASES.all();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void orderNumberTakesNoLookupAfterFiveFailuresUntilTheyAgeOut(BothDatabases.Database database) {
        LookupAttempts attempts = new LookupAttempts(database.jdbc(), new SqlFiles(), clock);
        String order = order();
        for (int i = 0; i < LookupAttempts.MAX_FAILURES; i++) {
            assertThat(attempts.allowed(order)).isTrue();
            attempts.failed(order);
            clock.advance(Duration.ofMinutes(1));
        }
        assertThat(attempts.allowed(order)).isFalse();
        assertThat(attempts.allowed(" " + order.toLowerCase() + " ")).as("however it is typed").isFalse();
        assertThat(attempts.allowed(order())).as("other orders are not held back").isTrue();

        clock.advance(LookupAttempts.WINDOW.minusMinutes(5));
        assertThat(attempts.allowed(order)).as("the first failure is a window old").isTrue();
        attempts.failed(order);
        assertThat(attempts.allowed(order)).isFalse();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void instancesBehindOneLoadBalancerCountAnOrdersFailuresTogether(BothDatabases.Database database) {
        LookupAttempts first = new LookupAttempts(database.jdbc(), new SqlFiles(), clock);
        LookupAttempts second = new LookupAttempts(database.jdbc(), new SqlFiles(), clock);
        String order = order();
        for (int i = 0; i < LookupAttempts.MAX_FAILURES; i++) {
            (i % 2 == 0 ? first : second).failed(order);
        }

        assertThat(first.allowed(order)).isFalse();
        assertThat(second.allowed(order)).isFalse();
        LookupAttempts restarted = new LookupAttempts(database.jdbc(), new SqlFiles(), clock);
        assertThat(restarted.allowed(order)).as("nor does a restart forget them").isFalse();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void anOrderNumberLongerThanAnyOrderIsCountedByItsBeginning(BothDatabases.Database database) {
        LookupAttempts attempts = new LookupAttempts(database.jdbc(), new SqlFiles(), clock);
        String order = order() + "X".repeat(300);
        for (int i = 0; i < LookupAttempts.MAX_FAILURES; i++) {
            attempts.failed(order);
        }

        assertThat(attempts.allowed(order)).isFalse();
    }

    private static String order() {
        return "SO-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
    }
}
