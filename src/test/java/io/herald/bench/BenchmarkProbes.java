package io.herald.bench;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryUsage;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.camel.CamelContext;
import org.apache.camel.api.management.ManagedCamelContext;
import org.apache.camel.api.management.mbean.ManagedProcessorMBean;
import org.apache.camel.api.management.mbean.ManagedRouteMBean;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;

/** What the JVM and Camel can tell about where a round spent its time and memory. */
final class BenchmarkProbes {

    /** Linux's clock ticks a second in /proc's CPU times (USER_HZ: 100 on the architectures the JDK runs on). */
    private static final long USER_HZ = 100;

    /**
     * The JVM's own threads, which its ThreadMXBean does not list, by the start of the name Linux gives them (at most
     * 15 characters): the collectors' workers (the parallel and serial collectors' "GC Thread#n", G1's as well), the VM
     * thread, and the JIT's compiler threads.
     */
    private static final List<String> JVM_THREADS = List.of("GC Thread", "G1 ", "VM Thread", "VM Periodic",
            "C1 CompilerThre", "C2 CompilerThre");

    /**
     * Herald's routes on the WMS path, in pipeline order (each Kafka consumer route, *-consume, per batch, then the
     * route its records go through, per record), and the steps inside them worth timing.
     */
    static final List<String> ROUTES = List.of("wms-shipments-consume", "wms-shipments-intake", "events-publish",
            "events-consume", "events-decide", "notification-rules", "notifications-decide", "notifications-publish",
            "kafka-batch-end", "email-notifications-consume", "email-notifications-send", "sms-notifications-consume",
            "sms-notifications-send");
    static final List<String> STEPS = List.of("normalize-payload", "collect-event", "drop-duplicate-events",
            "apply-event-state", "decide-notification", "collect-outbound", "publish-batch", "commit-batch",
            "send-email", "record-email-sent", "skip-sent-email", "send-sms", "record-sms-sent", "skip-sent-sms");

    private BenchmarkProbes() {
    }

    /** Processing time a route or step spent, summed over its exchanges, in ms. */
    record Timing(String id, long exchanges, long totalMillis, double meanMillis) {
    }

    /**
     * CPU time by thread group (digits of thread names folded; the JVM's own threads, from /proc, as "(JVM) ..."), and
     * the process's CPU and GC time, in ns/ms; by collector (the parallel collector's young "PS Scavenge" and full
     * "PS MarkSweep"; the serial one's "Copy" and "MarkSweepCompact"), its collections and their time; the bytes the
     * Java threads allocated so far, by the same groups; and what the old generation held after its latest
     * collection, the live set then (-1 before there was one).
     */
    record CpuSnapshot(Map<String, Long> threadNanos, long processNanos, long gcMillis,
                       Map<String, long[]> collectors, Map<String, Long> threadBytes, long oldLiveBytes,
                       MachineCpu machine) {
    }

    /**
     * The whole machine's CPU time so far, in ns over all its CPUs, from the {@code cpu} line of {@code /proc/stat}:
     * busy (user, nice, system, irq, softirq) and stolen (the hypervisor ran something else while this machine wanted
     * to run); both -1 where it cannot be read.
     */
    record MachineCpu(long busyNanos, long stealNanos) {

        static final MachineCpu UNKNOWN = new MachineCpu(-1, -1);

        /** Parses the first line of /proc/stat: "cpu user nice system idle iowait irq softirq steal ...", in ticks. */
        static MachineCpu parse(String cpuLine) {
            String[] fields = cpuLine.trim().split("\\s+");
            if (fields.length < 9 || !fields[0].equals("cpu")) {
                return UNKNOWN;
            }
            long[] ticks = new long[8];
            for (int i = 0; i < ticks.length; i++) {
                ticks[i] = Long.parseLong(fields[i + 1]);
            }
            long tick = 1_000_000_000L / USER_HZ;
            return new MachineCpu((ticks[0] + ticks[1] + ticks[2] + ticks[5] + ticks[6]) * tick, ticks[7] * tick);
        }
    }

    /** The machine's CPU time so far ({@link MachineCpu}); unknown where /proc/stat cannot be read. */
    static MachineCpu machineCpu() {
        try (java.io.BufferedReader stat = Files.newBufferedReader(Path.of("/proc/stat"))) {
            String first = stat.readLine();
            return first == null ? MachineCpu.UNKNOWN : MachineCpu.parse(first);
        } catch (IOException | RuntimeException unreadable) {
            return MachineCpu.UNKNOWN;
        }
    }

    static void resetCamelStatistics(CamelContext camel) throws Exception {
        ManagedCamelContext managed = camel.getCamelContextExtension().getContextPlugin(ManagedCamelContext.class);
        if (managed != null && managed.getManagedCamelContext() != null) {
            managed.getManagedCamelContext().reset(true);
        }
    }

    static List<Timing> camelTimings(CamelContext camel, List<String> routeIds, List<String> stepIds) {
        ManagedCamelContext managed = camel.getCamelContextExtension().getContextPlugin(ManagedCamelContext.class);
        List<Timing> timings = new ArrayList<>();
        if (managed == null) {
            return timings;
        }
        for (String id : routeIds) {
            ManagedRouteMBean route = managed.getManagedRoute(id);
            if (route != null) {
                timings.add(new Timing("route " + id, route.getExchangesCompleted(), route.getTotalProcessingTime(),
                        route.getMeanProcessingTime()));
            }
        }
        for (String id : stepIds) {
            ManagedProcessorMBean step = managed.getManagedProcessor(id);
            if (step != null) {
                timings.add(new Timing("  step " + id, step.getExchangesCompleted(), step.getTotalProcessingTime(),
                        step.getMeanProcessingTime()));
            }
        }
        return timings;
    }

    static CpuSnapshot cpu() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<String, Long> byGroup = new HashMap<>();
        Map<String, Long> bytes = new HashMap<>();
        for (long id : threads.getAllThreadIds()) {
            ThreadInfo info = threads.getThreadInfo(id);
            if (info == null) {
                continue; // it ended
            }
            String group = group(info.getThreadName());
            long nanos = threads.getThreadCpuTime(id);
            if (nanos > 0) {
                byGroup.merge(group, nanos, Long::sum);
            }
            long allocated = threads instanceof com.sun.management.ThreadMXBean counting
                    ? counting.getThreadAllocatedBytes(id) : -1;
            if (allocated > 0) {
                bytes.merge(group, allocated, Long::sum);
            }
        }
        // the collector's pauses keep every one of its threads busy: their CPU, not the pauses' time, is what they cost
        byGroup.putAll(jvmThreadNanos(Path.of("/proc/self/task")));
        long gc = 0;
        Map<String, long[]> collectors = new java.util.LinkedHashMap<>();
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            gc += Math.max(0, collector.getCollectionTime());
            collectors.put(collector.getName(), new long[] {Math.max(0, collector.getCollectionCount()),
                    Math.max(0, collector.getCollectionTime())});
        }
        long process = processCpuNanos();
        long oldLive = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getName().endsWith("Old Gen") || pool.getName().equals("Tenured Gen"))
                .map(MemoryPoolMXBean::getCollectionUsage).filter(Objects::nonNull).mapToLong(MemoryUsage::getUsed)
                .filter(used -> used > 0).findFirst().orElse(-1);
        return new CpuSnapshot(byGroup, process, gc, collectors, bytes, oldLive, machineCpu());
    }

    /** The process's CPU time so far, in ns, alone: without the walk over every thread that {@link #cpu} makes. */
    static long processCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : -1;
    }

    /**
     * CPU time of the JVM's own threads ({@link #JVM_THREADS}) so far, in ns, by group ("(JVM) " and the name with its
     * digits folded), read from {@code tasks}, the process's {@code /proc/self/task}; empty where it cannot be read.
     */
    static Map<String, Long> jvmThreadNanos(Path tasks) {
        Map<String, Long> byGroup = new HashMap<>();
        try (DirectoryStream<Path> all = Files.newDirectoryStream(tasks)) {
            for (Path task : all) {
                String name;
                try {
                    name = Files.readString(task.resolve("comm")).strip();
                } catch (IOException ended) {
                    continue;
                }
                long[] stat = JVM_THREADS.stream().anyMatch(name::startsWith) ? stat(task) : new long[0];
                if (stat.length > 0) {
                    byGroup.merge("(JVM) " + group(name), (stat[1] + stat[2]) * (1_000_000_000L / USER_HZ), Long::sum);
                }
            }
        } catch (IOException | RuntimeException unreadable) {
            return Map.of();
        }
        return byGroup;
    }

    /**
     * The CPU time a PostgreSQL server has used so far, in ns, from {@code /proc}: its postmaster's (whose pid is the
     * first line of {@code postmaster.pid} in its data folder), its ended children's, which the postmaster collected,
     * and its running children's (the connections' backends, the background workers). -1 when it cannot be read.
     */
    static long postgresCpuNanos(Path dataDir) {
        try {
            long postmaster = Long.parseLong(Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).strip());
            long ticks = 0;
            try (DirectoryStream<Path> processes = Files.newDirectoryStream(Path.of("/proc"),
                    path -> path.getFileName().toString().chars().allMatch(Character::isDigit))) {
                for (Path process : processes) {
                    long[] stat = stat(process);
                    if (stat.length == 0) {
                        continue; // ended while listed
                    }
                    if (Long.parseLong(process.getFileName().toString()) == postmaster) {
                        ticks += stat[1] + stat[2] + stat[3] + stat[4];
                    } else if (stat[0] == postmaster) {
                        ticks += stat[1] + stat[2];
                    }
                }
            }
            return ticks * (1_000_000_000L / USER_HZ);
        } catch (IOException | RuntimeException unreadable) {
            return -1;
        }
    }

    /**
     * A process's or thread's parent pid, utime, stime, cutime and cstime (ticks), from its {@code stat} in /proc;
     * empty once it ended.
     */
    private static long[] stat(Path process) {
        try {
            String line = Files.readString(process.resolve("stat"));
            // the fields after the command's closing parenthesis, from the third (state) on
            String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
            return new long[] {Long.parseLong(fields[1]), Long.parseLong(fields[11]), Long.parseLong(fields[12]),
                    Long.parseLong(fields[13]), Long.parseLong(fields[14])};
        } catch (IOException | RuntimeException ended) {
            return new long[0];
        }
    }

    /** Thread CPU spent between two snapshots, by group, most first. Threads that ended in between are not seen. */
    static Map<String, Long> cpuBetween(CpuSnapshot before, CpuSnapshot after) {
        return between(before.threadNanos(), after.threadNanos());
    }

    /** What each thread group allocated between two snapshots, in bytes, the most first. */
    static Map<String, Long> allocatedBetween(CpuSnapshot before, CpuSnapshot after) {
        return between(before.threadBytes(), after.threadBytes());
    }

    private static Map<String, Long> between(Map<String, Long> before, Map<String, Long> after) {
        Map<String, Long> spent = new HashMap<>();
        after.forEach((group, nanos) -> {
            long delta = nanos - before.getOrDefault(group, 0L);
            if (delta > 0) {
                spent.put(group, delta);
            }
        });
        Map<String, Long> sorted = new LinkedHashMap<>();
        spent.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return sorted;
    }

    private static String group(String threadName) {
        return threadName.replaceAll("\\d+", "#");
    }

    /** The first three fields of /proc/loadavg, or "?" where there is none. */
    static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }

    /** A line of /proc/self/status in kB ({@code VmHWM} is the peak resident set size), or -1 where there is none. */
    static long procStatusKb(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    /**
     * H2's own counters of its file since it was opened ({@code info.*} in {@code INFORMATION_SCHEMA.SETTINGS}): the
     * writes of its file, one a store (a commit, with {@code WRITE_DELAY=0}), the bytes written and read back, and the
     * page cache's hit ratio now. Null where the database is not an H2 file (PostgreSQL, H2 in memory).
     */
    static H2Store h2Store(JdbcTemplate jdbc) {
        Map<String, String> info = new HashMap<>();
        try {
            jdbc.query("SELECT SETTING_NAME, SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS "
                    + "WHERE SETTING_NAME LIKE 'info.%'", (RowCallbackHandler) row -> info.put(row.getString(1),
                    row.getString(2)));
            return new H2Store(Long.parseLong(info.get("info.FILE_WRITE")),
                    Long.parseLong(info.get("info.FILE_WRITE_BYTES")), Long.parseLong(info.get("info.FILE_READ_BYTES")),
                    Integer.parseInt(info.get("info.CACHE_HIT_RATIO")));
        } catch (DataAccessException | NumberFormatException notAnH2File) {
            return null;
        }
    }

    /** H2's counters of its file: see {@link #h2Store}. */
    record H2Store(long writes, long writtenBytes, long readBytes, int cacheHitPercent) {

        /** What happened between {@code before} and this, with this one's hit ratio. */
        H2Store since(H2Store before) {
            return new H2Store(writes - before.writes, writtenBytes - before.writtenBytes,
                    readBytes - before.readBytes, cacheHitPercent);
        }
    }
}
