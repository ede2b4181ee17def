package io.herald.support;

import org.apache.camel.NamedNode;
import org.apache.camel.Processor;
import org.apache.camel.Route;
import org.apache.camel.spi.Policy;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs the steps it wraps ({@code policy} in a route) in a savepoint of the database transaction the thread has
 * (Spring's PROPAGATION_NESTED; a transaction of their own when there is none): their work is released into that
 * transaction when they succeed, and rolled back to the savepoint when they fail, before the failure goes back to the
 * caller's error handler, which may try them again, each try in a savepoint of its own.
 *
 * <p>Camel's own {@code transacted} step does not do for this: its transaction error handler marks a failure as one
 * whose redeliveries are exhausted, and the caller's error handler then neither retries it nor dead-letters it. And
 * retrying inside the failed try's savepoint fails on PostgreSQL, which refuses every statement after a failed one
 * ("current transaction is aborted", SQLSTATE 25P02) until the transaction is rolled back to a savepoint.
 *
 * <p>When the savepoint cannot be rolled back to, or not taken, the database's connection is gone: the transaction
 * is lost ({@link BatchTransactions#lost}), and the caller's error handler does not try again in it.
 */
public class SavepointPolicy implements Policy {

    private final TransactionTemplate savepoint;
    private final BatchTransactions batches;

    public SavepointPolicy(PlatformTransactionManager transactions, BatchTransactions batches) {
        this.savepoint = new TransactionTemplate(transactions);
        this.batches = batches;
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    @Override
    public void beforeWrap(Route route, NamedNode definition) {
        // nothing to prepare
    }

    @Override
    public Processor wrap(Route route, Processor processor) {
        return exchange -> {
            try {
                savepoint.executeWithoutResult(status -> {
                    try {
                        processor.process(exchange);
                    } catch (Exception failed) {
                        exchange.setException(failed);
                    }
                    if (exchange.getException() != null) {
                        throw new RolledBack();
                    }
                });
            } catch (RolledBack rolledBack) {
                // rolled back to the savepoint; the failure stays on the exchange, for the caller's error handler
            } catch (TransactionException lost) {
                // not even the savepoint could be taken or rolled back to: the connection, and the transaction with
                // it, are gone, and no retry in it can succeed
                batches.giveUp();
                throw lost;
            }
        };
    }

    /** Thrown out of the savepoint's callback so that Spring rolls its work back; the exchange keeps the cause. */
    private static final class RolledBack extends RuntimeException {

        RolledBack() {
            super(null, null, false, false);
        }
    }
}
