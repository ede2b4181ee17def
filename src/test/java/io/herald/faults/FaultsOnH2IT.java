package io.herald.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Herald's promise under faults, on H2, as an operator runs it: the packaged jar in a process of its own, on a Kafka
 * broker, an SMTP server and Twilio's API (WireMock) that the test takes down and brings back. Each test sends its own
 * customers' orders and shipments, and counts what the SMTP server and Twilio received. The full fault run
 * ({@link FaultRun}, {@code ./mvnw -Pfaults verify}) does every fault in one run, with more traffic.
 */
class FaultsOnH2IT {

    private static final Duration SETTLE = Duration.ofMinutes(4);
    private static final Pattern EMAIL_LAG = Pattern.compile("\"herald\\.outbound\\.email\":(\\d+)");

    /**
     * An attempt left SENDING by a killed instance is taken over 15 s after its hand-off began rather than the
     * default 90 s: the local SMTP server and the Twilio stub answer in milliseconds, so no hand-off here lasts that
     * long. On H2, whose file only one process can open, the restarted instance takes over what the killed one left at
     * once anyway ({@code SoleDatabase}); the lease counts on PostgreSQL, which other instances share.
     */
    static final Map<String, String> QUICK_TAKEOVER = Map.of("herald.channels.hand-off-lease", "15s");

    private static FaultEnvironment env;
    private static HeraldProcess herald;

    @BeforeAll
    static void start() throws IOException {
        env = new FaultEnvironment(FaultEnvironment.cleanFolder(Path.of("target", "faults-it", "h2")), false).start();
        herald = env.herald("herald-a", QUICK_TAKEOVER);
        herald.start();
    }

    @AfterAll
    static void stop() {
        if (env != null) {
            env.close();
        }
    }

    @Test
    void killedMidStreamLosesNothingAndSendsNothingTwice() throws Exception {
        FaultTraffic traffic = new FaultTraffic("KILL01", 60);
        traffic.sendOrders(herald::baseUrl);
        int before = env.received();

        CompletableFuture<Void> shipments = env.sendShipments(traffic, herald::baseUrl, 10);
        await().atMost(SETTLE).until(() -> env.received() - before >= 20);
        herald.kill();
        herald.start();
        shipments.get();

        assertDeliveredOnce(env, traffic, env.settle(traffic, SETTLE));
    }

    @Test
    void brokerRestartLosesNothing() throws Exception {
        FaultTraffic traffic = new FaultTraffic("BROKER", 60);
        traffic.sendOrders(herald::baseUrl);
        int before = env.received();

        CompletableFuture<Void> shipments = env.sendShipments(traffic, herald::baseUrl, 10);
        await().atMost(SETTLE).until(() -> env.received() - before >= 20);
        env.broker().restart();
        shipments.get();

        assertDeliveredOnce(env, traffic, env.settle(traffic, SETTLE));
        herald.assertAlive();
    }

    /**
     * Stopped while the SMTP server is away, with emails waiting in Kafka, Herald stops without forcing anything down
     * and keeps no email as dead: the emails waiting for their next try fail at once, those its consumers take while
     * it stops fail once, and all are read again after the restart; the other exchanges in flight finish. Before,
     * the email channel's retries kept their exchanges in flight until Camel's 30 s shutdown timeout forced every
     * exchange down, hand-offs on the wire and events being decided included; and with retries ended by the stop, an
     * email that failed for the first time while Herald stopped went to the dead letter (100 in a fault run); then
     * each email the dead letter refused logged two stack traces of Camel's besides its one line (7,800 lines).
     */
    @Test
    void stoppedWithSigtermWhileSmtpIsDownStopsGracefullyAndLosesNothing() throws Exception {
        FaultTraffic traffic = new FaultTraffic("SIGTRM", 90);
        traffic.sendOrders(herald::baseUrl);
        int before = env.received();

        CompletableFuture<Void> shipments = env.sendShipments(traffic, herald::baseUrl, 10);
        await().atMost(SETTLE).until(() -> env.received() - before >= 20);
        env.smtp().stop();
        // the email channel reads DEGRADED after its hand-offs failed five times in a row, and emails wait in Kafka
        // behind the batch that retries them
        await().atMost(SETTLE).until(() -> herald.get("/actuator/health/channels")
                .contains("\"email\":{\"status\":\"DEGRADED\"") && emailLag(herald) >= 10);
        long logBefore = Files.size(herald.log());
        herald.stop();
        String stopping = Files.readString(herald.log()).substring((int) logBefore);
        herald.start();
        env.smtp().start();
        shipments.get();

        List<FaultLedger> ledgers = env.settle(traffic, SETTLE);
        assertDeliveredOnce(env, traffic, ledgers);
        assertThat(stopping).as("the stop's log")
                .contains("Not a dead letter: email-notifications-send failed while Herald stops")
                .doesNotContain("Dead letter from")
                .doesNotContain("Forcing the routes to be shutdown")
                .doesNotContain("Exception occurred while trying to handle previously thrown exception")
                .doesNotContain("New exception occurred during processing by the DeadLetterChannel");
    }

    /** The email consumers' lag, as the instance's health reads it. */
    private static long emailLag(HeraldProcess herald) {
        Matcher lag = EMAIL_LAG.matcher(herald.get("/actuator/health/kafkaLag"));
        return lag.find() ? Long.parseLong(lag.group(1)) : 0;
    }

    static void assertDeliveredOnce(FaultEnvironment env, FaultTraffic traffic, List<FaultLedger> ledgers) {
        ledgers.forEach(ledger -> System.out.println("Fault ledger: " + ledger));
        assertThat(traffic.refused()).as("payloads refused: %s", traffic.refusals()).isZero();
        for (FaultLedger ledger : ledgers) {
            assertThat(ledger.missing()).as("%s; what Herald recorded for them: %s", ledger,
                    env.recorded(traffic, ledger.missingRecipients())).isZero();
            assertThat(ledger.duplicated()).as("%s", ledger).isZero();
        }
    }
}
