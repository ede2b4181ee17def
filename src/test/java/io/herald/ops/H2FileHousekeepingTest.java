package io.herald.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.herald.config.DefaultRunSettings;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The default run's H2 file under a write load like Herald's (rows inserted, then updated, one small commit after
 * another, with an index on random keys): without housekeeping four fifths of what the chunks hold are dead pages;
 * with it about half are live, and the space of the rest is reused. H2 rewrites no chunk younger than its retention time
 * (45 s by default, for a power cut: docs/operations.md); the test's databases keep none, so that seconds of writes
 * show what hours do.
 */
class H2FileHousekeepingTest {

    private static final int ROWS = 1_500;
    private static final int UPDATES = 3;

    @TempDir
    Path dataDir;

    @Test
    void keepsTheDefaultRunsChunksAboutHalfLive() throws Exception {
        JdbcDataSource untidied = defaultRunDatabase("untidied");
        JdbcDataSource tidied = defaultRunDatabase("tidied");
        H2FileHousekeeping housekeeping = new H2FileHousekeeping(tidied, Duration.ofSeconds(10), 50);
        try (Connection holdUntidied = untidied.getConnection(); Connection holdTidied = tidied.getConnection()) {
            write(holdUntidied, null);
            write(holdTidied, housekeeping);

            assertThat(chunksFillRate(holdUntidied)).as("without housekeeping: the chunks' live share, %")
                    .isLessThan(25);
            assertThat(housekeeping.tidy()).hasValueSatisfying(
                    fillRate -> assertThat(fillRate).as("the chunks' live share, %").isGreaterThanOrEqualTo(40));
        }
    }

    @Test
    void tidiesOnItsScheduleOnceStartedAndStopsWithTheApplication() throws Exception {
        JdbcDataSource database = defaultRunDatabase("scheduled");
        H2FileHousekeeping housekeeping = new H2FileHousekeeping(database, Duration.ofMillis(200), 50);
        try (Connection held = database.getConnection()) {
            write(held, null);
            assertThat(chunksFillRate(held)).isLessThan(25);
            housekeeping.start();
            assertThat(housekeeping.isRunning()).isTrue();
            await().atMost(Duration.ofSeconds(30)).until(() -> chunksFillRate(held) >= 40);
        } finally {
            housekeeping.stop();
        }
        assertThat(housekeeping.isRunning()).isFalse();
    }

    @Test
    void leavesDatabasesAloneThatNeedNoHousekeepingOfHerald() throws SQLException {
        JdbcDataSource inMemory = new JdbcDataSource();
        inMemory.setURL("jdbc:h2:mem:housekeeping-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        JdbcDataSource withWriteDelay = new JdbcDataSource();
        withWriteDelay.setURL("jdbc:h2:file:" + dataDir.resolve("delayed") + ";WRITE_DELAY=500");
        for (JdbcDataSource database : new JdbcDataSource[] {inMemory, withWriteDelay}) {
            try (Connection connection = database.getConnection()) {
                assertThat(H2FileHousekeeping.storeWithoutHousekeeping(connection)).as(database.getURL()).isEmpty();
                assertThat(new H2FileHousekeeping(database, Duration.ofSeconds(1), 50).tidy()).isEmpty();
            }
        }
        try (Connection connection = defaultRunDatabase("default").getConnection()) {
            assertThat(H2FileHousekeeping.storeWithoutHousekeeping(connection)).isPresent();
        }
    }

    @Test
    void refusesSettingsOutOfRange() {
        JdbcDataSource database = new JdbcDataSource();
        assertThatThrownBy(() -> new H2FileHousekeeping(database, Duration.ZERO, 50))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("interval");
        assertThatThrownBy(() -> new H2FileHousekeeping(database, Duration.ofSeconds(1), 95))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("target-fill-rate");
    }

    private JdbcDataSource defaultRunDatabase(String name) {
        JdbcDataSource database = new JdbcDataSource();
        database.setURL(DefaultRunSettings.databaseUrl(dataDir.resolve(name)) + ";RETENTION_TIME=0");
        database.setUser("herald");
        database.setPassword("");
        return database;
    }

    /** Each row inserted, then updated {@value #UPDATES} times, a commit each; housekeeping (if any) every 100. */
    private static void write(Connection connection, H2FileHousekeeping housekeeping) throws SQLException {
        try (Statement ddl = connection.createStatement()) {
            ddl.execute("CREATE TABLE ATTEMPT (ID BIGINT PRIMARY KEY, RECIPIENT VARCHAR(36) NOT NULL, "
                    + "STATE VARCHAR(16) NOT NULL, BODY VARCHAR(2000) NOT NULL)");
            ddl.execute("CREATE INDEX ATTEMPT_RECIPIENT ON ATTEMPT (RECIPIENT)");
        }
        String body = "x".repeat(600);
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO ATTEMPT VALUES (?, ?, 'DECIDED', ?)");
                PreparedStatement update = connection.prepareStatement(
                        "UPDATE ATTEMPT SET STATE = ?, RECIPIENT = ? WHERE ID = ?")) {
            int commits = 0;
            for (int round = 0; round <= UPDATES; round++) {
                for (long id = 0; id < ROWS; id++) {
                    if (round == 0) {
                        insert.setLong(1, id);
                        insert.setString(2, UUID.randomUUID().toString());
                        insert.setString(3, body);
                        insert.executeUpdate();
                    } else {
                        update.setString(1, "STATE-" + round);
                        update.setString(2, UUID.randomUUID().toString());
                        update.setLong(3, id);
                        update.executeUpdate();
                    }
                    if (++commits % 100 == 0 && housekeeping != null) {
                        housekeeping.tidy();
                    }
                }
            }
        }
    }

    private static int chunksFillRate(Connection connection) throws SQLException {
        Optional<Integer> fillRate = H2FileHousekeeping.storeWithoutHousekeeping(connection)
                .map(store -> store.getFileStore().getChunksFillRate());
        assertThat(fillRate).isPresent();
        return fillRate.get();
    }

}
