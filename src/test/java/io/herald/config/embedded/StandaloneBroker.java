package io.herald.config.embedded;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * A single-node KRaft broker as a process of its own, for the fault run (io.herald.faults): the same broker the
 * default run embeds, on a fixed port and log folder, so that it can be killed or stopped and started again under a
 * running Herald. Prints {@value #READY} once it accepts clients; stops cleanly on SIGTERM.
 *
 * <p>Arguments: the log folder and the client port.
 */
public final class StandaloneBroker {

    public static final String READY = "BROKER READY";

    private StandaloneBroker() {
    }

    public static void main(String[] args) throws InterruptedException {
        EmbeddedKafkaEnvironment.EmbeddedBroker broker =
                EmbeddedKafkaEnvironment.start(Path.of(args[0]), Integer.parseInt(args[1]));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            broker.close();
            stopped.countDown();
        }, "broker-shutdown"));
        System.out.println(READY + " " + broker.bootstrapServers());
        System.out.flush();
        stopped.await();
    }
}
