package io.herald.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Group commit: short database writes that many threads make at once (a channel's hand-offs, each recording SENDING
 * before and SENT after) share one transaction and one commit, and each caller still returns only once its own write
 * is committed. A database commits one transaction at a time (H2 writes its store on every commit, PostgreSQL flushes
 * its log), so a commit per write made the hand-off threads queue for it.
 *
 * <p>The first caller to find no group running takes every write waiting, runs each in a savepoint of one new
 * transaction, and commits; the callers whose writes it took wait for it. A write that fails is rolled back alone and
 * its caller gets the failure; a commit that fails fails every write of the group, as their own commits would have.
 */
@Component
public class GroupCommits {

    private static final int MAX_GROUP = 256;

    private final TransactionTemplate group;
    private final TransactionTemplate savepoint;
    private final Queue<Write<?>> waiting = new ConcurrentLinkedQueue<>();
    private final ReentrantLock running = new ReentrantLock();

    public GroupCommits(PlatformTransactionManager transactions) {
        this.group = new TransactionTemplate(transactions);
        this.group.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.savepoint = new TransactionTemplate(transactions);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    /** Runs {@code work} in a transaction shared with the writes of other threads; returns once it is committed. */
    public <T> T write(Supplier<T> work) {
        Write<T> write = new Write<>(work);
        waiting.add(write);
        while (!write.done) {
            running.lock();
            try {
                if (!write.done) {
                    commitWaiting();
                }
            } finally {
                running.unlock();
            }
        }
        return write.result();
    }

    /** How many writes wait for the next group. */
    int waiting() {
        return waiting.size();
    }

    private void commitWaiting() {
        List<Write<?>> writes = new ArrayList<>();
        Write<?> next;
        while (writes.size() < MAX_GROUP && (next = waiting.poll()) != null) {
            writes.add(next);
        }
        try {
            group.executeWithoutResult(status -> writes.forEach(write -> write.runIn(savepoint)));
        } catch (RuntimeException | Error commitFailed) {
            writes.forEach(write -> write.failed(commitFailed));
        }
        writes.forEach(write -> write.done = true);
    }

    private static final class Write<T> {

        private final Supplier<T> work;
        private T value;
        private Throwable failure;
        private volatile boolean done;

        Write(Supplier<T> work) {
            this.work = work;
        }

        void runIn(TransactionTemplate savepoint) {
            try {
                value = savepoint.execute(status -> work.get());
            } catch (RuntimeException | Error e) {
                failure = e;
            }
        }

        void failed(Throwable commitFailed) {
            if (failure == null) {
                failure = commitFailed;
            }
        }

        T result() {
            if (failure instanceof RuntimeException e) {
                throw e;
            }
            if (failure instanceof Error e) {
                throw e;
            }
            return value;
        }
    }
}
