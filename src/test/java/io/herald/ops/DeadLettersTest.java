package io.herald.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.herald.support.BatchTransactions;
import io.herald.support.Names;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.RejectedExecutionException;
import org.apache.camel.Exchange;
import org.apache.camel.RuntimeCamelException;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.UnexpectedRollbackException;
import org.springframework.transaction.support.TransactionTemplate;

class DeadLettersTest {

    private final DeadLetters deadLetters = new DeadLetters(null, null, null, null,
            new DataSourceTransactionManager(), new BatchTransactions(new JdbcDataSource()));

    @Test
    void failuresOfTheDatabaseItselfAreNotTheMessages() {
        assertThat(DeadLetters.isDatabaseFailure(new QueryTimeoutException("Timeout trying to lock table"))).isTrue();
        assertThat(DeadLetters.isDatabaseFailure(new CannotAcquireLockException("deadlock"))).isTrue();
        assertThat(DeadLetters.isDatabaseFailure(new CannotGetJdbcConnectionException("refused"))).isTrue();
        assertThat(DeadLetters.isDatabaseFailure(new CannotCreateTransactionException("no connection"))).isTrue();
        assertThat(DeadLetters.isDatabaseFailure(new UnexpectedRollbackException("rolled back"))).isTrue();
        assertThat(DeadLetters.isDatabaseFailure(new SQLRecoverableException("connection reset"))).isTrue();
        assertThat(DeadLetters.isDatabaseFailure(new RuntimeCamelException(
                new SQLTransientConnectionException("pool exhausted")))).as("wrapped").isTrue();
    }

    @Test
    void failuresOfTheMessageAreDeadLetters() {
        assertThat(DeadLetters.isDatabaseFailure(new DataIntegrityViolationException("value too long"))).isFalse();
        assertThat(DeadLetters.isDatabaseFailure(new IllegalArgumentException("not an event"))).isFalse();
        assertThat(DeadLetters.isDatabaseFailure(null)).isFalse();
    }

    @Test
    void databaseFailureIsRefusedAndAnyOtherLetThrough() {
        Exception lock = new QueryTimeoutException("Timeout trying to lock table");
        assertThat(refuses(deadLetters, failedWith(lock))).isTrue();
        Exchange bad = failedWith(new IllegalStateException("bad event"));
        assertThat(refuses(deadLetters, bad)).isFalse();
        assertThat(bad.getExchangeExtension().isErrorHandlerHandledSet()).as("left to the dead letter channel")
                .isFalse();
    }

    /**
     * Retries cut short because Herald stops (Camel's RejectedExecutionException, "Redelivery not allowed while
     * stopping") leave the message to be read again, not kept as dead.
     */
    @Test
    void retriesCutShortByTheStopAreRefused() {
        Exception stopped = new RejectedExecutionException("Redelivery not allowed while stopping");
        assertThat(refuses(deadLetters, failedWith(stopped))).isTrue();
    }

    /**
     * A message that fails while Herald stops has no retries left (Redeliveries), however it failed: it is left to the
     * next owner of its record, which tries it with a whole retry budget. Before, such an email went to the dead
     * letter at its first failure (100 of them in a fault run, the SMTP server away at the stop).
     */
    @Test
    void anyFailureWhileHeraldStopsIsRefused() {
        Exception refused = new IllegalStateException("Connection refused");
        Exchange exchange = new DefaultExchange(new DefaultCamelContext() {
            @Override
            public boolean isStopping() {
                return true;
            }
        });
        exchange.setProperty(Exchange.EXCEPTION_CAUGHT, refused);
        assertThat(refuses(deadLetters, exchange)).isTrue();
    }

    /**
     * Whatever the failure is called, in a batch whose transaction is lost (its connection gone) it is the database's:
     * the event is read again with its batch, not kept as dead.
     */
    @Test
    void anyFailureInALostBatchIsRefused() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:dead-letters-test");
        DataSourceTransactionManager transactions = new DataSourceTransactionManager(h2);
        DeadLetters inBatch = new DeadLetters(null, null, null, null, transactions, new BatchTransactions(h2));
        Exception odd = new IllegalStateException("Connection is closed");
        assertThatThrownBy(() -> new TransactionTemplate(transactions).executeWithoutResult(status -> {
            assertThat(refuses(inBatch, failedWith(odd))).isFalse();
            new BatchTransactions(h2).giveUp();
            assertThat(refuses(inBatch, failedWith(odd))).isTrue();
        })).isInstanceOf(UnexpectedRollbackException.class);
    }

    /**
     * Whether the dead letter refuses the exchange's failure: it keeps nothing, and Camel's error handler is told that
     * it did not handle the failure, so that it puts the failure back and the caller fails with it
     * (PipelineDeadLetterTest drives this through the routes).
     */
    private static boolean refuses(DeadLetters deadLetters, Exchange exchange) {
        deadLetters.refuseNotTheMessages(exchange);
        boolean refused = exchange.getProperty(Names.Property.NOT_A_DEAD_LETTER, false, Boolean.class);
        if (refused) {
            assertThat(exchange.getExchangeExtension().isErrorHandlerHandledSet()
                    && !exchange.getExchangeExtension().isErrorHandlerHandled()).as("marked not handled").isTrue();
        }
        return refused;
    }

    private static Exchange failedWith(Exception caught) {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.setProperty(Exchange.EXCEPTION_CAUGHT, caught);
        exchange.setProperty(Exchange.FAILURE_ROUTE_ID, "events-decide");
        return exchange;
    }
}
