package io.herald.faults;

import io.herald.config.embedded.StandaloneBroker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;

/**
 * A Kafka broker in its own process (io.herald.config.embedded.StandaloneBroker), on a fixed port and log folder, so
 * that the fault run can restart it under a running Herald: the broker Herald embeds by default lives in Herald's own
 * JVM and cannot be restarted alone.
 */
final class BrokerProcess {

    private final int port;
    private final JavaProcess process;
    private int starts;

    BrokerProcess(Path dir, int port) {
        this.port = port;
        this.process = new JavaProcess("Kafka broker", List.of("-Xmx384m", "-cp", System.getProperty("java.class.path"),
                StandaloneBroker.class.getName(), dir.resolve("kafka").toString(), String.valueOf(port)),
                dir.resolve("broker.log"));
    }

    String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    void start() {
        int expected = ++starts;
        process.start();
        Awaitility.await("the broker's start").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    process.assertAlive();
                    return countReady() >= expected;
                });
    }

    /** A clean stop (SIGTERM), then a start on the same log folder and port. */
    void restart() {
        process.stop(Duration.ofSeconds(60));
        start();
    }

    void stop() {
        process.stop(Duration.ofSeconds(60));
    }

    private long countReady() {
        try {
            return java.nio.file.Files.readAllLines(process.log()).stream()
                    .filter(line -> line.startsWith(StandaloneBroker.READY)).count();
        } catch (java.io.IOException e) {
            return 0;
        }
    }
}
