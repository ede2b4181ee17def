package io.herald.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.time.Duration;
import javax.sql.DataSource;
import org.apache.camel.api.management.mbean.ManagedRouteMBean;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * The decide stage on a real PostgreSQL (zonky's embedded binaries). Unlike H2, PostgreSQL aborts the whole
 * transaction at a failed statement: until it is rolled back, to a savepoint or whole, every later statement fails
 * with "current transaction is aborted" (SQLSTATE 25P02). So a failed event must be tried again from a savepoint of its
 * own, not inside the one its failed statement spoiled. Its own Spring context, database, broker and inbox, no legacy
 * table, closed after the class.
 */
@OwnContext
@TestPropertySource(properties = {
        // a lock not granted within half a second fails the statement (SQLSTATE 55P03), as a deadlock's victim fails
        // (40P01): a failure of the moment, which the event's next try gets past
        "spring.datasource.hikari.connection-init-sql=SET lock_timeout = '500ms'"})
class DecideOnPostgresIT extends HeraldIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    /** Stopped by its own shutdown hook, when the JVM exits: after this class's context, which uses it until closed. */
    private static final EmbeddedPostgres POSTGRES = startPostgres();

    @Autowired
    private DataSource dataSource;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> POSTGRES.getJdbcUrl("postgres", "postgres"));
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "");
    }

    /**
     * Two consumers can decide the same record at once for a moment, across a rebalance. The one that records its
     * fingerprint second waits for the first to commit, and then fails on the fingerprint's key. That event was
     * decided by the other: it is dropped as a duplicate, not kept as a dead letter, and the rest of its batch is
     * decided. Before, its retries ran in its spoiled savepoint, each failing with 25P02, and it became a dead letter
     * (seen in a benchmark run on PostgreSQL).
     */
    @Test
    void eventWhoseFingerprintAnotherTransactionRecordedIsDroppedNotDeadLettered() throws Exception {
        String racedId = "SO-PG-RACED-" + System.nanoTime();
        String laterId = orderOnTheSamePartitionAs(racedId);
        String email = "raced." + racedId.toLowerCase() + "@example.com";
        try (Connection other = dataSource.getConnection()) {
            raceFingerprintOf(other, racedId, laterId, email, "+4915112345572", "+4915112345573");
            // the raced event's insert of the same fingerprint waits for this transaction to end (each try up to its
            // lock timeout): committed now, the waiting try fails on the fingerprint's key, and the next finds it recorded
            await().atMost(WAIT).until(() -> backendsWaitingOnALock() > 0);
            other.commit();
        }

        await().atMost(WAIT).until(() -> jdbc.queryForObject(
                "SELECT COUNT(*) FROM customer_order WHERE order_id = ?", Integer.class, laterId) == 1);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM dead_letter WHERE payload LIKE ?", Integer.class,
                "%" + racedId + "%")).as("dead_letter").isZero();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM customer_order WHERE order_id = ?", Integer.class,
                racedId)).as("decided by the transaction that recorded its fingerprint, not here").isZero();
    }

    /**
     * An event whose first try fails on a statement (here a lock not granted in time) is tried again from a savepoint
     * of its own, and decided once the lock is gone. Before, its retries ran in the savepoint the failed statement had
     * spoiled, each failing with 25P02 whatever the database could do by then, and the valid event became a dead
     * letter: the customer was never told.
     */
    @Test
    void eventWhoseFirstTryFailsOnTheDatabaseIsTriedAgainAndDecided() throws Exception {
        String orderId = "SO-PG-LOCKED-" + System.nanoTime();
        String email = "locked." + orderId.toLowerCase() + "@example.com";
        placeOrder(orderId, email, "+4915112345574");

        try (Connection holder = dataSource.getConnection()) {
            lockOrder(holder, orderId);
            assertThat(post("/api/v1/intake/oms", SamplePayloads.omsOrderCancelled(orderId, "C-" + orderId, email,
                    "+4915112345574", 5)).statusCode()).isEqualTo(202);
            // the cancellation's update of the order waits on the lock, and fails when its lock timeout strikes
            await().atMost(WAIT).until(() -> backendsWaitingOnALock() > 0);
            await().atMost(WAIT).pollInterval(Duration.ofMillis(10)).until(() -> backendsWaitingOnALock() == 0);
            holder.rollback();
        }

        await().atMost(WAIT).until(() -> notificationsOf(orderId).stream()
                .anyMatch(n -> "order_cancelled".equals(n.get("TYPE"))));
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM dead_letter WHERE payload LIKE ?", Integer.class,
                "%" + orderId + "%")).as("dead_letter").isZero();
    }

    /**
     * An event whose connection the database cuts while it is decided (here PostgreSQL ends the session, as at its
     * restart or a failover) leaves its batch's transaction lost: the try cannot even be rolled back to its savepoint.
     * The batch fails at once and is read again on a new connection, where the event is decided. Before, the event was
     * tried again in the lost transaction, each try failing with "Cannot create savepoint", for the whole backoff (32
     * s in a fault run), while its partition waited; and its dead letter was then refused anyway.
     */
    @Test
    void eventWhoseConnectionIsCutFailsItsBatchAtOnceAndIsDecidedWhenReadAgain() throws Exception {
        String orderId = "SO-PG-CUT-" + System.nanoTime();
        String email = "cut." + orderId.toLowerCase() + "@example.com";
        ManagedRouteMBean consume = managedRoute("events-consume");
        ManagedRouteMBean tries = managedRoute("events-decide-event");
        long batchesFailedBefore = consume.getExchangesFailed();
        long triesFailedBefore = tries.getExchangesFailed();
        // the first insert of this order's row ends its own session; the sequence counts outside any transaction
        jdbc.execute("CREATE SEQUENCE it_cut_once");
        jdbc.execute("CREATE FUNCTION it_cut() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                + "IF nextval('it_cut_once') = 1 THEN PERFORM pg_terminate_backend(pg_backend_pid()); END IF; "
                + "RETURN NEW; END $$");
        jdbc.execute("CREATE TRIGGER it_cut BEFORE INSERT ON customer_order FOR EACH ROW "
                + "WHEN (NEW.order_id LIKE 'SO-PG-CUT-%') EXECUTE FUNCTION it_cut()");
        try {
            assertThat(post("/api/v1/intake/oms", SamplePayloads.omsOrder(orderId, "C-" + orderId, email,
                    "+4915112345576", "en", "email", 20)).statusCode()).isEqualTo(202);
            await().atMost(WAIT).until(() -> consume.getExchangesFailed() > batchesFailedBefore);
            assertThat(tries.getExchangesFailed() - triesFailedBefore).as("tries failed before the batch did")
                    .isEqualTo(1);

            await().atMost(WAIT).until(() -> jdbc.queryForObject(
                    "SELECT COUNT(*) FROM customer_order WHERE order_id = ?", Integer.class, orderId) == 1);
        } finally {
            jdbc.execute("DROP TRIGGER it_cut ON customer_order");
            jdbc.execute("DROP FUNCTION it_cut()");
            jdbc.execute("DROP SEQUENCE it_cut_once");
        }
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM dead_letter WHERE payload LIKE ?", Integer.class,
                "%" + orderId + "%")).as("dead_letter").isZero();
    }

    /** The database's sessions that wait on a lock now. */
    private int backendsWaitingOnALock() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
                + "AND datname = current_database()", Integer.class);
    }

    private static EmbeddedPostgres startPostgres() {
        try {
            return EmbeddedPostgres.builder().start();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start PostgreSQL", e);
        }
    }
}
