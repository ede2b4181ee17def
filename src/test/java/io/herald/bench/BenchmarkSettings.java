package io.herald.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;

/**
 * What one benchmark run does, read from system properties ({@code -Dbenchmark.*}, which the Maven profile
 * {@code benchmark} passes on).
 *
 * @param events             N: the WMS shipment records pushed in the measured round
 * @param shipmentsPerOrder  k: shipments per order, so N/k orders are seeded first
 * @param warmup             records pushed (and fully delivered) before the measured round, to warm the JIT
 * @param rate               records per second the producer offers; 0 pushes as fast as it can (saturation)
 * @param baseline           whether to measure the bare Kafka-to-Kafka Camel route as well
 * @param rawBaseline        whether to measure the raw Kafka clients' batched consumer-to-producer loop as well
 * @param shapeBaseline      whether to measure the pipeline's shape without Herald's work as well ({@link ShapeBaseline})
 * @param database           the database Herald runs on: the default run's H2 file, or an embedded PostgreSQL
 * @param instances          Herald applications in the JVM, in the same consumer groups (more than one: PostgreSQL)
 * @param timeout            how long a round may take before the run gives up
 * @param keepData           whether to keep the temporary data folder (H2 file, broker log) after the run
 * @param twilioLatencyMs    -1: SMS go to the default run's local outbox; 0 or more: to Twilio's Messages API on a
 *                           WireMock stub in this JVM that answers after this many milliseconds, from a short code
 * @param profile            empty: no profile; else a file that gets a JFR recording (the JDK's {@code profile}
 *                           settings) of Herald's measured round alone: not the start, the seeding, the warm-up, the
 *                           baselines nor the stop
 */
record BenchmarkSettings(int events, int shipmentsPerOrder, int warmup, int rate, boolean baseline,
                         boolean rawBaseline, boolean shapeBaseline, Database database, int instances, Duration timeout, boolean keepData,
                         int twilioLatencyMs, Optional<Path> profile) {

    /** The database of a run, as {@code benchmark.database} names it. */
    enum Database {
        H2, POSTGRESQL;

        static Database named(String name) {
            for (Database database : values()) {
                if (database.name().equalsIgnoreCase(name.trim())) {
                    return database;
                }
            }
            throw new IllegalArgumentException("benchmark.database must be h2 or postgresql, not '" + name + "'");
        }

        String propertyValue() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    BenchmarkSettings {
        if (events < 1 || shipmentsPerOrder < 1 || warmup < 0 || rate < 0 || instances < 1 || twilioLatencyMs < -1) {
            throw new IllegalArgumentException("benchmark.events, benchmark.shipments-per-order and "
                    + "benchmark.instances must be positive, benchmark.warmup and benchmark.rate not negative, "
                    + "benchmark.twilio-latency-ms -1 (the local outbox) or more");
        }
        if (instances > 1 && database != Database.POSTGRESQL) {
            throw new IllegalArgumentException("benchmark.instances=" + instances + " needs "
                    + "-Dbenchmark.database=postgresql: the default run's H2 is a file that one process opens, so a "
                    + "second Herald cannot share it");
        }
    }

    static BenchmarkSettings fromSystemProperties() {
        return from(System.getProperties());
    }

    static BenchmarkSettings from(Properties properties) {
        return new BenchmarkSettings(
                integer(properties, "benchmark.events", 10_000),
                integer(properties, "benchmark.shipments-per-order", 4),
                integer(properties, "benchmark.warmup", 1_000),
                integer(properties, "benchmark.rate", 0),
                Boolean.parseBoolean(properties.getProperty("benchmark.baseline", "true")),
                Boolean.parseBoolean(properties.getProperty("benchmark.raw-baseline", "true")),
                Boolean.parseBoolean(properties.getProperty("benchmark.shape-baseline", "true")),
                Database.named(properties.getProperty("benchmark.database", "h2")),
                integer(properties, "benchmark.instances", 1),
                Duration.ofSeconds(integer(properties, "benchmark.timeout-seconds", 900)),
                Boolean.parseBoolean(properties.getProperty("benchmark.keep-data", "false")),
                integer(properties, "benchmark.twilio-latency-ms", -1),
                Optional.ofNullable(properties.getProperty("benchmark.profile")).map(String::trim)
                        .filter(file -> !file.isEmpty()).map(Path::of));
    }

    private static int integer(Properties properties, String key, int fallback) {
        String value = properties.getProperty(key);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number, not '" + value + "'");
        }
    }

    /** Orders seeded so that every shipment of either round names a known order. */
    int orders() {
        int shipments = Math.max(events, warmup);
        return (shipments + shipmentsPerOrder - 1) / shipmentsPerOrder;
    }
}
