package io.herald.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.herald.db.BothDatabases;
import io.herald.db.BothDatabases.Database;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.transaction.UnexpectedRollbackException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The savepoint an event's try runs in (bean recordSavepoint, events-decide-event), inside its batch's transaction, on
 * a real PostgreSQL and on H2: a failed try's work is rolled back to its savepoint, the failure stays on the exchange
 * for the caller's error handler, unmarked as exhausted, and the batch's transaction goes on, so the next try and the
 * batch's other events commit with it. On PostgreSQL a failed statement spoils the whole transaction until then.
 */
class SavepointPolicyTest {

    private static final AtomicInteger IDS = new AtomicInteger();
    private static final CamelContext CAMEL = new DefaultCamelContext();

    private static BothDatabases databases;

    @BeforeAll
    static void startDatabases() throws IOException {
        databases = BothDatabases.start();
        for (Database database : databases.all()) {
            database.jdbc().getJdbcTemplate().execute("CREATE TABLE tries (id INT PRIMARY KEY, note VARCHAR(20))");
        }
    }

    @AfterAll
    static void stopDatabases() throws IOException {
        databases.close();
    }

    static Stream<Database> databases() {
        return databases.all().stream();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void failedTryIsRolledBackAloneAndTheNextTryCommitsWithTheBatch(Database database) throws Exception {
        JdbcTemplate jdbc = database.jdbc().getJdbcTemplate();
        DataSourceTransactionManager transactions = new DataSourceTransactionManager(database.dataSource());
        BatchTransactions batch = new BatchTransactions(database.dataSource());
        SavepointPolicy policy = new SavepointPolicy(transactions, batch);
        int before = IDS.incrementAndGet() * 10;
        int failing = before + 1;
        int retried = before + 2;
        Exchange exchange = new DefaultExchange(CAMEL);

        new TransactionTemplate(transactions).executeWithoutResult(status -> {
            jdbc.update("INSERT INTO tries (id, note) VALUES (?, 'batch')", before);
            try {
                policy.wrap(null, tryInserting(jdbc, failing, true)).process(exchange);
                assertThat(exchange.getException()).as("the failure, for the caller").isNotNull();
                assertThat(exchange.getExchangeExtension().isRedeliveryExhausted()).as("retries left").isFalse();
                assertThat(batch.canCommit()).isTrue();

                exchange.setException(null);
                policy.wrap(null, tryInserting(jdbc, retried, false)).process(exchange);
                assertThat(exchange.getException()).isNull();
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });

        assertThat(jdbc.queryForList("SELECT id FROM tries WHERE id BETWEEN ? AND ? ORDER BY id", Integer.class,
                before, retried)).containsExactly(before, retried);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void batchThatGaveUpIsRolledBackWhole(Database database) {
        JdbcTemplate jdbc = database.jdbc().getJdbcTemplate();
        DataSourceTransactionManager transactions = new DataSourceTransactionManager(database.dataSource());
        BatchTransactions batch = new BatchTransactions(database.dataSource());
        int id = IDS.incrementAndGet() * 10;

        batch.giveUp(); // no transaction on this thread: nothing to give up
        assertThatThrownBy(() -> new TransactionTemplate(transactions).executeWithoutResult(status -> {
            jdbc.update("INSERT INTO tries (id, note) VALUES (?, 'batch')", id);
            assertThat(batch.canCommit()).isTrue();
            batch.giveUp();
            assertThat(batch.canCommit()).isFalse();
        })).isInstanceOf(UnexpectedRollbackException.class);

        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM tries WHERE id = ?", Integer.class, id)).isZero();
    }

    /**
     * A try whose connection is gone (closed here; cut by the database's restart or a failover in production) can
     * take no savepoint: the batch's transaction is lost with it, and says so, so that the caller's error handler
     * does not try again in it (route configuration pipeline-errors). Before, nothing marked it, and each retry failed
     * on the lost transaction for the whole backoff. (A try cut off in the middle cannot be rolled back to its
     * savepoint, and Spring marks the transaction itself then.)
     */
    @ParameterizedTest
    @MethodSource("databases")
    void tryWhoseConnectionIsGoneLosesTheBatchsTransaction(Database database) {
        DataSourceTransactionManager transactions = new DataSourceTransactionManager(database.dataSource());
        BatchTransactions batch = new BatchTransactions(database.dataSource());
        SavepointPolicy policy = new SavepointPolicy(transactions, batch);
        Exchange exchange = new DefaultExchange(CAMEL);
        List<Object> seen = new ArrayList<>();

        // the batch's rollback fails too, on the closed connection, and its failure would hide any inside: what the
        // callback saw is asserted after it
        assertThatThrownBy(() -> new TransactionTemplate(transactions).executeWithoutResult(status -> {
            try {
                DataSourceUtils.getConnection(database.dataSource()).close();
                seen.add(batch.lost());
                policy.wrap(null, tryInserting(database.jdbc().getJdbcTemplate(), 0, false)).process(exchange);
            } catch (Exception failed) {
                seen.add(failed.getClass());
            }
            seen.add(batch.lost());
        })).isInstanceOf(TransactionSystemException.class);

        assertThat(seen).as("lost before the try, the try's failure, lost after it")
                .containsExactly(false, CannotCreateTransactionException.class, true);
    }

    /** A try that inserts its row, and then, when it is to fail, a row whose key is taken: a failed statement. */
    private static Processor tryInserting(JdbcTemplate jdbc, int id, boolean fail) {
        return exchange -> {
            jdbc.update("INSERT INTO tries (id, note) VALUES (?, 'try')", id);
            if (fail) {
                jdbc.update("INSERT INTO tries (id, note) VALUES (?, 'again')", id);
            }
        };
    }
}
