package io.herald.ops;

import io.herald.support.Daemons;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Keeps an H2 file written with {@code WRITE_DELAY=0} (the default run's) from growing without end. H2 writes each
 * commit's changed pages to a new chunk of its file, and reuses a chunk's space only once no live page is left in
 * it; its background writer moves the live pages out of mostly dead chunks, but H2 runs that writer only with a
 * write delay. With none, nothing moves them: a benchmark of 10,000 events left a file of 1 GB whose chunks were 12 %
 * live, 30,000 events one of 2.9 GB at 8 % (docs/operations.md, "The H2 file").
 *
 * <p>Every {@code herald.h2.housekeeping.interval} this has H2 rewrite the live pages of the chunks less than
 * {@code herald.h2.housekeeping.target-fill-rate} percent live, emptiest first, while the chunks as a whole are
 * less live than that, for at most a tenth of the interval; their space is then reused. H2 neither rewrites nor reuses
 * a chunk younger than its retention time (45 s), so the file grows to what the busiest 45 s wrote plus about twice
 * the live data, and stays there. H2 does the rewriting under its store lock, a few megabytes at a time, between
 * commits. On any other database, an H2 in memory, or an H2 with a write delay of its own, it does nothing.
 */
@Component
class H2FileHousekeeping implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(H2FileHousekeeping.class);
    /** What one call to H2 rewrites at most, in bytes of chunks: a pause of tens of milliseconds for the commits. */
    private static final int WRITE_LIMIT = 4 * 1024 * 1024;
    /** How much longer than a run's tenth of the interval the stop waits for one in progress (a last call to H2). */
    private static final long STOP_MARGIN_MS = 5_000;

    private final DataSource dataSource;
    private final Duration interval;
    private final int targetFillRate;
    private final Object lifecycle = new Object();
    private ScheduledExecutorService tidier; // guarded by lifecycle

    H2FileHousekeeping(DataSource dataSource,
            @Value("${herald.h2.housekeeping.interval:1s}") Duration interval,
            @Value("${herald.h2.housekeeping.target-fill-rate:50}") int targetFillRate) {
        if (interval.isNegative() || interval.toMillis() == 0) {
            throw new IllegalArgumentException("herald.h2.housekeeping.interval must be positive: " + interval);
        }
        if (targetFillRate < 1 || targetFillRate > 90) {
            throw new IllegalArgumentException(
                    "herald.h2.housekeeping.target-fill-rate must be a percentage from 1 to 90: " + targetFillRate);
        }
        this.dataSource = dataSource;
        this.interval = interval;
        this.targetFillRate = targetFillRate;
    }

    /**
     * Has H2 rewrite the emptiest chunks' live pages while the chunks are less than {@code targetFillRate} percent
     * live, H2 finds chunks to rewrite, and a tenth of the interval is not spent. Returns the chunks' fill rate after
     * it, or empty when the database needs no housekeeping of Herald's.
     */
    Optional<Integer> tidy() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            Optional<MVStore> store = storeWithoutHousekeeping(connection);
            if (store.isEmpty()) {
                return Optional.empty();
            }
            long deadline = System.nanoTime() + interval.toNanos() / 10;
            MVStore mvStore = store.get();
            while (mvStore.getFileStore().getChunksFillRate() < targetFillRate && System.nanoTime() < deadline
                    && mvStore.compact(targetFillRate, WRITE_LIMIT)) {
                // the rewritten pages are written at the next store, as H2's own writer does after its housekeeping;
                // a store under way (a commit) writes them too
                mvStore.tryCommit();
            }
            return Optional.of(mvStore.getFileStore().getChunksFillRate());
        }
    }

    /** The H2 store behind a connection when it is a file that H2 does no housekeeping on: written with no delay. */
    static Optional<MVStore> storeWithoutHousekeeping(Connection connection) throws SQLException {
        if (!connection.isWrapperFor(JdbcConnection.class)
                || !(connection.unwrap(JdbcConnection.class).getSession() instanceof SessionLocal session)) {
            return Optional.empty();
        }
        // an H2 in memory has no file store
        MVStore store = session.getDatabase().getStore().getMvStore();
        return store.getFileStore() != null && store.getAutoCommitDelay() == 0 ? Optional.of(store) : Optional.empty();
    }

    @Override
    public void start() {
        synchronized (lifecycle) {
            if (tidier != null) {
                return;
            }
            tidier = Daemons.every("herald-h2-housekeeping", interval, interval, this::tidyInBackground);
        }
    }

    private void tidyInBackground() {
        try {
            if (tidy().isEmpty()) {
                LOG.debug("The database needs no housekeeping of Herald's");
                stopQuietly();
            }
        } catch (Exception e) {
            // the database closing, or busy: the next run tries again; nothing must end the schedule
            LOG.debug("H2 housekeeping skipped: {}", e.toString());
        }
    }

    private void stopQuietly() {
        synchronized (lifecycle) {
            if (tidier != null) {
                tidier.shutdown();
            }
        }
    }

    /**
     * Stops the schedule and waits for a run in progress, without interrupting it: an interrupt inside H2's file
     * operations could close its file under the other connections.
     */
    @Override
    public void stop() {
        synchronized (lifecycle) {
            if (tidier != null) {
                tidier.shutdown();
                try {
                    tidier.awaitTermination(interval.toMillis() / 10 + STOP_MARGIN_MS, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                tidier = null;
            }
        }
    }

    @Override
    public boolean isRunning() {
        synchronized (lifecycle) {
            return tidier != null;
        }
    }
}
