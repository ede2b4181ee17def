package io.herald.faults;

import io.herald.config.DefaultRunSettings;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Does H2 leave a transaction of a killed process behind? ({@code ./mvnw -Pfaults verify}, before the fault run;
 * docs/benchmarks.md, "H2 under kill -9".)
 *
 * <p>Each round starts a JVM that writes an H2 file database opened with the default run's settings (WRITE_DELAY=0),
 * the way Herald's stages do: two writers commit transactions of 100 rows, each row in a savepoint and every seventh
 * rolled back to it, four commit small ones; rows carry a CLOB and an identity, and update earlier rows. The JVM is
 * killed with -9 at a random moment of its writes (0.1 to 2.5 s in), the database opened again, and the rows counted
 * twice: as committed (READ COMMITTED) and with uncommitted ones (READ UNCOMMITTED). After a crash there must be no uncommitted row: every open
 * transaction of the dead process is rolled back when the file is opened. A row left over holds its lock for good:
 * Herald's fault run found an event's fingerprint left over that way, and the decide stage waited on it until the
 * run gave up. H2 2.5.252 left rows over in 2 rounds of 40, 2.3.232 in none of 60.
 */
public final class H2Kills {

    private static final int WRITERS = 6;
    private static final int BATCH_WRITERS = 2;

    public static void main(String[] args) throws Exception {
        int rounds = Integer.getInteger("h2kills.rounds", 40);
        Path dir = FaultEnvironment.cleanFolder(Path.of(System.getProperty("h2kills.dir", "target/h2-kills")));
        Random random = new Random();
        List<String> leftOvers = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            Path db = FaultEnvironment.cleanFolder(dir.resolve("round"));
            String url = DefaultRunSettings.databaseUrl(db);
            long killAfter = 100 + random.nextInt(2400);
            Process writer = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), H2Kills.class.getName() + "$Writer", url)
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            // the moment counts from the writes' start: a JVM slow to start could otherwise be killed before its schema
            var out = new BufferedReader(new InputStreamReader(writer.getInputStream(), StandardCharsets.UTF_8));
            if (!Writer.WRITING.equals(out.readLine())) {
                throw new IllegalStateException("The writer ended before it wrote, with " + writer.waitFor());
            }
            if (writer.waitFor(killAfter, TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("The writer ended by itself with " + writer.exitValue());
            }
            writer.destroyForcibly().waitFor();
            out.close();
            long[] rows = count(url);
            String line = "round %d, killed %d ms into its writes: %d rows committed, %d with uncommitted ones"
                    .formatted(round, killAfter, rows[0], rows[1]);
            System.out.println(line);
            if (rows[0] != rows[1]) {
                leftOvers.add(line);
            }
        }
        System.out.println();
        System.out.println("== H2 under kill -9 (" + org.h2.engine.Constants.FULL_VERSION + ") ==");
        System.out.println("rounds with rows of a dead transaction left over: " + leftOvers.size() + " of " + rounds);
        leftOvers.forEach(System.out::println);
        System.exit(leftOvers.isEmpty() ? 0 : 1);
    }

    /** Committed rows, and rows including uncommitted ones. */
    private static long[] count(String url) throws SQLException {
        try (Connection db = DriverManager.getConnection(url, "herald", ""); Statement statement = db.createStatement()) {
            long committed = count(statement);
            statement.execute("SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL READ UNCOMMITTED");
            return new long[] {committed, count(statement)};
        }
    }

    private static long count(Statement statement) throws SQLException {
        try (ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM EVENT_ROW")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** The process that is killed: writes until then. */
    static final class Writer {

        /** The line the writer prints once its schema is committed and its writers start. */
        static final String WRITING = "writing";

        public static void main(String[] args) throws Exception {
            String url = args[0];
            try (Connection db = DriverManager.getConnection(url, "herald", "");
                    Statement statement = db.createStatement()) {
                statement.execute("CREATE TABLE EVENT_ROW(ID BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, "
                        + "FINGERPRINT VARCHAR(100) NOT NULL UNIQUE, N BIGINT NOT NULL, STATE VARCHAR(20), BODY CLOB, "
                        + "CREATED_AT TIMESTAMP DEFAULT CURRENT_TIMESTAMP)");
                statement.execute("CREATE INDEX EVENT_ROW_N ON EVENT_ROW(N)");
                statement.execute("CREATE INDEX EVENT_ROW_CREATED ON EVENT_ROW(CREATED_AT)");
                statement.execute("CREATE TABLE SUBJECT(ID VARCHAR(100) PRIMARY KEY, LAST_N BIGINT)");
            }
            AtomicLong sequence = new AtomicLong();
            ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
            for (int w = 0; w < WRITERS; w++) {
                int rowsPerCommit = w < BATCH_WRITERS ? 100 : 3;
                writers.submit(() -> write(url, rowsPerCommit, sequence));
            }
            System.out.println(WRITING);
            System.out.flush();
            writers.awaitTermination(1, TimeUnit.HOURS);
        }

        private static Void write(String url, int rowsPerCommit, AtomicLong sequence) throws SQLException {
            try (Connection db = DriverManager.getConnection(url, "herald", "");
                    PreparedStatement insert = db.prepareStatement(
                            "INSERT INTO EVENT_ROW(FINGERPRINT, N, STATE, BODY) VALUES (?, ?, 'NEW', ?)");
                    PreparedStatement update = db.prepareStatement("UPDATE EVENT_ROW SET STATE = 'DONE' WHERE N = ?");
                    PreparedStatement subject = db.prepareStatement(
                            "MERGE INTO SUBJECT KEY(ID) VALUES (?, ?)")) {
                db.setAutoCommit(false);
                while (true) {
                    for (int i = 0; i < rowsPerCommit; i++) {
                        Savepoint row = db.setSavepoint();
                        long n = sequence.incrementAndGet();
                        insert.setString(1, "f" + n);
                        insert.setLong(2, n);
                        insert.setString(3, "b".repeat(n % 3 == 0 ? 5000 : 300));
                        insert.executeUpdate();
                        update.setLong(1, n - 3);
                        update.executeUpdate();
                        subject.setString(1, "s" + n % 500);
                        subject.setLong(2, n);
                        subject.executeUpdate();
                        if (n % 7 == 0) {
                            db.rollback(row);
                        } else {
                            db.releaseSavepoint(row);
                        }
                    }
                    db.commit();
                }
            }
        }
    }
}
