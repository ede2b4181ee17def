package io.herald.support;

import javax.sql.DataSource;
import org.springframework.jdbc.datasource.ConnectionHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The state of the database transaction a batch of events runs in ({@code transacted: batchTransaction} in
 * events-decide-batch), as the thread that runs the batch sees it, and the batch's giving up on it.
 */
@Component("batchTransactions")
public class BatchTransactions {

    private final DataSource dataSource;

    public BatchTransactions(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Whether the transaction on this thread can still commit: false once an event's failure on the database, on
     * its way out to the batch (DeadLetters.refuseNotTheMessages), marked it rollback-only. Every later event of the
     * batch would fail on it ("Cannot create savepoint"), each after its own retries and with an error in the log, and
     * the batch is rolled back and read again anyway. Also false once an event's try could not be rolled back to its
     * savepoint (SavepointPolicy): the connection is gone, and the transaction with it.
     */
    public boolean canCommit() {
        return !(TransactionSynchronizationManager.getResource(dataSource) instanceof ConnectionHolder holder
                && holder.isRollbackOnly());
    }

    /** Whether the transaction on this thread can no longer commit: the opposite of {@link #canCommit}. */
    public boolean lost() {
        return !canCommit();
    }

    /**
     * Marks the transaction on this thread, if there is one, to be rolled back: an event's failure on the database
     * itself fails its whole batch, which is read again (DeadLetters.refuseNotTheMessages), so the batch's later
     * events need not be tried in it ({@link #canCommit} is false from now on). Its failed try was rolled back to its
     * own savepoint already, which leaves the transaction usable when the database is.
     */
    public void giveUp() {
        if (TransactionSynchronizationManager.getResource(dataSource) instanceof ConnectionHolder holder
                && holder.isSynchronizedWithTransaction()) {
            holder.setRollbackOnly();
        }
    }
}
