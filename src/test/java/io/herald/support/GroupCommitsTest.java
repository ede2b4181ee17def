package io.herald.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.DefaultTransactionStatus;

/** Group commit on a real H2 database: each write committed before its caller goes on, a failed one alone undone. */
class GroupCommitsTest {

    private final JdbcDataSource h2 = h2();
    private final JdbcTemplate jdbc = new JdbcTemplate(h2);
    private final AtomicInteger transactions = new AtomicInteger();
    private final GroupCommits commits = new GroupCommits(new DataSourceTransactionManager(h2) {
        @Override
        protected void doCommit(DefaultTransactionStatus status) {
            transactions.incrementAndGet();
            super.doCommit(status);
        }
    });
    private final ExecutorService threads = Executors.newFixedThreadPool(16);

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    @Test
    void everyWriteOfManyThreadsIsCommittedBeforeItsCallerGoesOn() throws Exception {
        List<CompletableFuture<Boolean>> callers = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            int n = i;
            callers.add(CompletableFuture.supplyAsync(() -> {
                commits.write(() -> jdbc.update("INSERT INTO written (n) VALUES (?)", n));
                // another connection, outside any transaction: sees the row only once it is committed
                return seenFromAnotherConnection(n);
            }, threads));
        }

        assertThat(callers).allSatisfy(caller -> assertThat(caller.get(30, TimeUnit.SECONDS)).isTrue());
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM written", Integer.class)).isEqualTo(400);
    }

    @Test
    void writesThatWaitTogetherShareOneCommitAndAFailingOneIsUndoneAlone() throws Exception {
        CountDownLatch leaderInside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        // a first group that holds the commit while two more writes queue behind it, so both go in the next group
        CompletableFuture<Integer> first = CompletableFuture.supplyAsync(() -> commits.write(() -> {
            leaderInside.countDown();
            awaitLatch(release);
            return jdbc.update("INSERT INTO written (n) VALUES (1)");
        }), threads);
        assertThat(leaderInside.await(10, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Integer> good = CompletableFuture.supplyAsync(() -> commits.write(
                () -> jdbc.update("INSERT INTO written (n) VALUES (2)")), threads);
        CompletableFuture<Integer> bad = CompletableFuture.supplyAsync(() -> commits.write(() -> {
            jdbc.update("INSERT INTO written (n) VALUES (3)");
            throw new IllegalStateException("refused");
        }), threads);
        await().atMost(Duration.ofSeconds(10)).until(() -> commits.waiting() == 2);
        release.countDown();

        assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(good.get(10, TimeUnit.SECONDS)).isEqualTo(1);
        assertThatThrownBy(() -> bad.get(10, TimeUnit.SECONDS)).hasRootCauseMessage("refused");
        assertThat(jdbc.queryForList("SELECT n FROM written ORDER BY n", Integer.class)).containsExactly(1, 2);
        assertThat(transactions).as("the first group, then the two writes that waited behind it, together").hasValue(2);
    }

    private boolean seenFromAnotherConnection(int n) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM written WHERE n = ?", Integer.class, n) == 1;
    }

    private static void awaitLatch(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static JdbcDataSource h2() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:group-commits-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        new JdbcTemplate(h2).execute("CREATE TABLE written (n INT PRIMARY KEY)");
        return h2;
    }
}
