package io.herald.bench;

import java.time.Duration;

/**
 * What one benchmark run does, read from system properties ({@code -Dbenchmark.*}, which the Maven profile
 * {@code benchmark} passes on).
 *
 * @param events             N: the WMS shipment records pushed in the measured round
 * @param shipmentsPerOrder  k: shipments per order, so N/k orders are seeded first
 * @param warmup             records pushed (and fully delivered) before the measured round, to warm the JIT
 * @param rate               records per second the producer offers; 0 pushes as fast as it can (saturation)
 * @param baseline           whether to measure the bare Kafka-to-Kafka Camel route as well
 * @param timeout            how long a round may take before the run gives up
 * @param keepData           whether to keep the temporary data folder (H2 file, broker log) after the run
 */
record BenchmarkSettings(int events, int shipmentsPerOrder, int warmup, int rate, boolean baseline, Duration timeout,
                         boolean keepData) {

    BenchmarkSettings {
        if (events < 1 || shipmentsPerOrder < 1 || warmup < 0 || rate < 0) {
            throw new IllegalArgumentException("benchmark.events and benchmark.shipments-per-order must be positive, "
                    + "benchmark.warmup and benchmark.rate not negative");
        }
    }

    static BenchmarkSettings fromSystemProperties() {
        return new BenchmarkSettings(
                Integer.getInteger("benchmark.events", 10_000),
                Integer.getInteger("benchmark.shipments-per-order", 4),
                Integer.getInteger("benchmark.warmup", 1_000),
                Integer.getInteger("benchmark.rate", 0),
                Boolean.parseBoolean(System.getProperty("benchmark.baseline", "true")),
                Duration.ofSeconds(Integer.getInteger("benchmark.timeout-seconds", 900)),
                Boolean.getBoolean("benchmark.keep-data"));
    }

    /** Orders seeded so that every shipment of either round names a known order. */
    int orders() {
        int shipments = Math.max(events, warmup);
        return (shipments + shipmentsPerOrder - 1) / shipmentsPerOrder;
    }
}
