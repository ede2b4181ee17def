package io.herald.faults;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two Herald instances in one consumer group, on one broker and one PostgreSQL, as the production topology scales
 * out: the packaged jar twice, in processes of their own. Every notification is held for a few seconds, so that the
 * release sweeps of both instances compete for it.
 */
class FaultsOnPostgresIT {

    private static final Duration SETTLE = Duration.ofMinutes(4);

    private static FaultEnvironment env;
    private static HeraldProcess a;
    private static HeraldProcess b;

    @BeforeAll
    static void start() throws Exception {
        env = new FaultEnvironment(FaultEnvironment.cleanFolder(Path.of("target", "faults-it", "postgres")), true)
                .start();
        Map<String, String> settings = new HashMap<>(FaultsOnH2IT.QUICK_TAKEOVER);
        settings.put("herald.notifications.hold", "3s");
        // an attempt the killed instance's release sweep committed DECIDED but never published waits for the
        // republish sweep (the hold above sends most shipments' news through that sweep; a re-read event publishes
        // its own decisions' attempts at once): 20 s here rather than 2 minutes, which made this test take 55 to
        // 186 s (183 s in a run with the event's path mended); the sweep's claim keeps the message once whenever it
        // runs
        settings.put("herald.notifications.republish-after", "20s");
        settings.put("herald.notifications.republish-period", "5000");
        a = env.herald("herald-a", settings);
        b = env.herald("herald-b", settings);
        CompletableFuture<Void> startB = CompletableFuture.runAsync(b::start);
        a.start();
        startB.get();
    }

    @AfterAll
    static void stop() {
        if (env != null) {
            env.close();
        }
    }

    @Test
    void twoInstancesSendEachNotificationOnce() throws Exception {
        // and, on the way, one instance killed and the database restarted
        FaultTraffic traffic = new FaultTraffic("TWOINS", 60);
        AtomicInteger turn = new AtomicInteger();
        traffic.sendOrders(() -> (turn.incrementAndGet() % 2 == 0 ? a : b).baseUrl());
        int before = env.received();

        // both take webhooks until b is killed; then a takes b's partitions, and the attempts b left SENDING
        CompletableFuture<Void> shipments = env.sendShipments(traffic,
                () -> (b.isAlive() && turn.incrementAndGet() % 2 == 0 ? b : a).baseUrl(), 10);
        await().atMost(SETTLE).until(() -> env.received() - before >= 20);
        b.kill();
        env.postgres().restart();
        shipments.get();

        FaultsOnH2IT.assertDeliveredOnce(env, traffic, env.settle(traffic, SETTLE));
    }
}
