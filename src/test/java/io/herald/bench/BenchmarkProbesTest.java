package io.herald.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

class BenchmarkProbesTest {

    @TempDir
    Path tasks;

    @Test
    void machineCpuIsReadFromTheCpuLineOfProcStat() {
        BenchmarkProbes.MachineCpu machine = BenchmarkProbes.MachineCpu.parse(
                "cpu  5987161 1681 770663 10672550 35410 0 68534 4994 0 0");

        // user + nice + system + irq + softirq, and steal, at 100 ticks a second
        assertThat(machine.busyNanos()).isEqualTo((5987161L + 1681 + 770663 + 0 + 68534) * 10_000_000L);
        assertThat(machine.stealNanos()).isEqualTo(4994L * 10_000_000L);
        assertThat(BenchmarkProbes.MachineCpu.parse("cpu0 1 2 3 4 5 6 7 8")).isEqualTo(
                BenchmarkProbes.MachineCpu.UNKNOWN);
        assertThat(BenchmarkProbes.MachineCpu.parse("cpu 1 2 3")).isEqualTo(BenchmarkProbes.MachineCpu.UNKNOWN);
    }

    @Test
    void jvmThreadsAreReadFromProcByTheirGroup() throws IOException {
        task(101, "GC Thread#0", 150, 50);
        task(102, "GC Thread#1", 100, 0);
        task(103, "VM Thread", 7, 3);
        task(104, "C1 CompilerThre", 2, 0);
        task(105, "main", 900, 100);
        task(106, "Camel (camel-1)", 400, 20);

        assertThat(BenchmarkProbes.jvmThreadNanos(tasks)).as("the Java threads are left to the ThreadMXBean")
                .containsOnly(entry("(JVM) GC Thread##", 3_000_000_000L), entry("(JVM) VM Thread", 100_000_000L),
                        entry("(JVM) C# CompilerThre", 20_000_000L));
    }

    @Test
    void aThreadThatEndedWhileListedIsSkipped() throws IOException {
        task(101, "GC Thread#0", 10, 0);
        Files.createDirectory(tasks.resolve("102")); // its comm and stat are gone

        assertThat(BenchmarkProbes.jvmThreadNanos(tasks)).containsOnlyKeys("(JVM) GC Thread##");
    }

    @Test
    void nothingWhereProcCannotBeRead() {
        assertThat(BenchmarkProbes.jvmThreadNanos(tasks.resolve("no-such-folder"))).isEmpty();
    }

    @Test
    void whatAThreadAllocatesIsCountedForItsGroup() {
        BenchmarkProbes.CpuSnapshot before = BenchmarkProbes.cpu();
        byte[][] kept = new byte[64][];
        for (int i = 0; i < kept.length; i++) {
            kept[i] = new byte[256 * 1024];
        }
        BenchmarkProbes.CpuSnapshot after = BenchmarkProbes.cpu();

        assertThat(kept.length).isEqualTo(64);
        assertThat(BenchmarkProbes.allocatedBetween(before, after))
                .hasEntrySatisfying(Thread.currentThread().getName().replaceAll("\\d+", "#"),
                        bytes -> assertThat(bytes).isGreaterThanOrEqualTo(64L * 256 * 1024));
    }

    /** A thread's comm and stat as Linux writes them: its name in parentheses, utime and stime the 14th and 15th. */
    private void task(int tid, String name, long utime, long stime) throws IOException {
        Path task = Files.createDirectory(tasks.resolve(Integer.toString(tid)));
        Files.writeString(task.resolve("comm"), name + "\n");
        Files.writeString(task.resolve("stat"), "%d (%s) S 1 1 1 0 -1 4194624 12 0 0 0 %d %d 0 0 20 0 30 0 77 0 0%n"
                .formatted(tid, name, utime, stime));
    }

    @Test
    void h2sStoreIsCountedForAFileAndNotForADatabaseInMemory() {
        SingleConnectionDataSource connection = new SingleConnectionDataSource(
                "jdbc:h2:file:" + tasks.resolve("probe") + ";WRITE_DELAY=0", "sa", "", true);
        JdbcTemplate file = new JdbcTemplate(connection);
        file.execute("CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR(100))");
        BenchmarkProbes.H2Store before = BenchmarkProbes.h2Store(file);
        for (int i = 0; i < 5; i++) {
            file.update("INSERT INTO t VALUES (?, ?)", i, "a value of some length " + i);
        }
        BenchmarkProbes.H2Store round = BenchmarkProbes.h2Store(file).since(before);
        connection.destroy();

        assertThat(round.writes()).as("a store at each of the five commits").isGreaterThanOrEqualTo(5);
        assertThat(round.writtenBytes()).isPositive();
        assertThat(round.cacheHitPercent()).isBetween(0, 100);
        SingleConnectionDataSource memory = new SingleConnectionDataSource("jdbc:h2:mem:probe", "sa", "", true);
        assertThat(BenchmarkProbes.h2Store(new JdbcTemplate(memory))).as("no file, no store").isNull();
        memory.destroy();
    }
}
