package io.herald.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.herald.ops.DeadLetters;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Herald's PostgreSQL connections wait for a row lock only so long, and then fail as the database's failure; a session
 * frozen inside its transaction is ended by the server, and its locks freed.
 */
class PostgresTimeoutsTest {

    private static EmbeddedPostgres postgres;

    @BeforeAll
    static void start() throws IOException {
        postgres = EmbeddedPostgres.builder().start();
        new JdbcTemplate(postgres.getPostgresDatabase()).execute("CREATE TABLE locked (id INT PRIMARY KEY, n INT)");
        new JdbcTemplate(postgres.getPostgresDatabase()).update("INSERT INTO locked VALUES (1, 0)");
    }

    @AfterAll
    static void stop() throws IOException {
        postgres.close();
    }

    @Test
    @Timeout(60) // without the lock timeout the update waits for ever
    void aRowAnotherSessionHoldsFailsTheStatementOnceTheTimeoutIsOverInsteadOfWaitingForEver() throws SQLException {
        try (HikariDataSource pool = pool(postgres.getJdbcUrl("postgres", "postgres"));
             Connection holder = postgres.getPostgresDatabase().getConnection()) {
            new PostgresTimeouts(Duration.ofMillis(300), Duration.ofMinutes(5)).postProcessAfterInitialization(pool, "dataSource");
            holder.setAutoCommit(false);
            holder.createStatement().executeUpdate("UPDATE locked SET n = n + 1 WHERE id = 1");

            // as Herald's JdbcTemplate throws it: a failure of the database, so the batch is read again, and the
            // message is not kept as a dead letter
            assertThatThrownBy(() -> new JdbcTemplate(pool).update("UPDATE locked SET n = n + 1 WHERE id = 1"))
                    .hasMessageContaining("lock timeout")
                    .satisfies(failure -> assertThat(DeadLetters.isDatabaseFailure(failure)).isTrue());
            holder.rollback();
        }
    }

    @Test
    @Timeout(60) // without the timeout the frozen session keeps its lock, and the other session's update fails at 20 s
    void aSessionFrozenInsideItsTransactionIsEndedAndItsLocksFreed() {
        try (HikariDataSource pool = pool(postgres.getJdbcUrl("postgres", "postgres"))) {
            new PostgresTimeouts(Duration.ofSeconds(10), Duration.ofMillis(500))
                    .postProcessAfterInitialization(pool, "dataSource");
            JdbcTemplate herald = new JdbcTemplate(pool);
            TransactionTemplate transaction = new TransactionTemplate(new DataSourceTransactionManager(pool));
            AtomicInteger updatedByOther = new AtomicInteger();

            assertThatThrownBy(() -> transaction.executeWithoutResult(status -> {
                herald.update("UPDATE locked SET n = n + 1 WHERE id = 1");
                // Herald's session sits in its transaction, frozen, while another one needs its row
                try (Connection other = postgres.getPostgresDatabase().getConnection()) {
                    other.createStatement().execute("SET lock_timeout = '20s'");
                    updatedByOther.set(other.createStatement().executeUpdate("UPDATE locked SET n = 100 WHERE id = 1"));
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
                herald.update("UPDATE locked SET n = n + 1 WHERE id = 1");
            })).as("the frozen session's transaction is gone; Herald reads its batch again")
                    .satisfies(failure -> assertThat(DeadLetters.isDatabaseFailure(failure)).isTrue());

            assertThat(updatedByOther).hasValue(1);
            assertThat(new JdbcTemplate(postgres.getPostgresDatabase()).queryForObject("SELECT n FROM locked "
                    + "WHERE id = 1", Integer.class)).as("the frozen transaction's update rolled back").isEqualTo(100);
            assertThat(herald.queryForObject("SELECT 1", Integer.class)).as("the pool gives a working connection")
                    .isEqualTo(1);
        }
    }

    @Test
    void aPoolWithItsOwnInitialStatementAndOneOfAnotherDatabaseAreLeftAsTheyAre() {
        try (HikariDataSource own = pool(postgres.getJdbcUrl("postgres", "postgres"));
             HikariDataSource h2 = pool("jdbc:h2:mem:lock-timeout")) {
            own.setConnectionInitSql("SET lock_timeout = '500ms'");

            new PostgresTimeouts(Duration.ofSeconds(10), Duration.ofMinutes(5)).postProcessAfterInitialization(own, "dataSource");
            new PostgresTimeouts(Duration.ofSeconds(10), Duration.ofMinutes(5)).postProcessAfterInitialization(h2, "dataSource");

            assertThat(own.getConnectionInitSql()).isEqualTo("SET lock_timeout = '500ms'");
            assertThat(h2.getConnectionInitSql()).isNull();
        }
    }

    private static HikariDataSource pool(String url) {
        HikariDataSource pool = new HikariDataSource();
        pool.setJdbcUrl(url);
        pool.setMaximumPoolSize(1);
        return pool;
    }
}
