package io.herald.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.io.IOException;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * Herald's promise under faults, on the packaged jar in processes of its own, with a broker, an SMTP server, Twilio's
 * API and PostgreSQL that the test takes down and brings back. The full fault run (FaultRun, ./mvnw -Pfaults verify)
 * does all of this in one run with more traffic; these are the same faults one at a time, small.
 */
class FaultsIT {

    private static final Duration DELIVERED = Duration.ofMinutes(4);

    /**
     * An attempt left SENDING by the killed instance is taken over 15 s after its hand-off began rather than 90 s:
     * the local SMTP server and the Twilio stub answer in milliseconds, so no hand-off here lasts that long.
     */
    private static final Map<String, String> QUICK_TAKEOVER = Map.of("herald.channels.hand-off-lease", "15s");

    private Path dir;

    @BeforeEach
    void ownFolder(TestInfo test) throws IOException {
        dir = FaultEnvironment.cleanFolder(Path.of("target", "faults-it", test.getTestMethod().orElseThrow().getName()));
    }

    @Test
    void killedMidStreamLosesNothingAndSendsNothingTwice() throws Exception {
        try (FaultEnvironment env = new FaultEnvironment(dir, false).start()) {
            HeraldProcess herald = env.herald("herald-a", QUICK_TAKEOVER);
            herald.start();
            FaultTraffic traffic = new FaultTraffic("KILL01", 60);
            traffic.sendOrders(herald::baseUrl);

            CompletableFuture<Void> shipments = CompletableFuture.runAsync(() -> send(env, herald, traffic, 10));
            await().atMost(DELIVERED).until(() -> env.smtp().deliveries().size() + env.twilio().deliveries().size() >= 20);
            herald.kill();
            herald.start();
            System.out.printf("Herald restarted after kill -9 in %d s%n", herald.lastStart().toSeconds());
            shipments.get();

            assertDeliveredOnce(env, traffic);
        }
    }

    /** Waits for every notification (or the time allowed), then for Herald to have read everything, and checks. */
    private static void assertDeliveredOnce(FaultEnvironment env, FaultTraffic traffic) {
        try {
            await().atMost(DELIVERED).until(() -> env.allDelivered(traffic));
        } catch (ConditionTimeoutException e) {
            // the ledgers below say what is missing
        }
        env.awaitDrained(DELIVERED);
        FaultLedger email = env.email(traffic);
        FaultLedger sms = env.sms(traffic);
        assertThat(traffic.refused()).as("refused: %s", traffic.refusals()).isZero();
        assertThat(email.clean()).as("%s (logs in %s)", email, env.dir()).isTrue();
        assertThat(sms.clean()).as("%s (logs in %s)", sms, env.dir()).isTrue();
    }

    private static void send(FaultEnvironment env, HeraldProcess herald, FaultTraffic traffic, int rate) {
        try {
            traffic.sendShipments(herald::baseUrl, env.broker().bootstrapServers(), FaultEnvironment.WMS_TOPIC, rate);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
