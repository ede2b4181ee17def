package io.herald.faults;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;

/**
 * The fault run (docs/benchmarks.md, "Faults"): {@code ./mvnw -Pfaults verify -Dfaults.events=2000}.
 *
 * <p>On H2 and then on PostgreSQL, it runs the packaged jar as an operator does, on a Kafka broker in its own process,
 * a real SMTP server, and Twilio's API and an app backend for pushes on WireMock, and sends {@code faults.events} customers' orders and then one
 * shipment each, at {@code faults.rate} shipments a second, over HTTP and Kafka, with senders that retry as real
 * sources do. While the shipments flow, at set shares of them:
 * <ul>
 *   <li>10%: Twilio and the app backend answer a storm of 503, 429 and accepted messages whose answer is lost (the
 *       connection closes) for {@code faults.storm} seconds (20);</li>
 *   <li>25%: Herald is killed with -9 and started again on the same data;</li>
 *   <li>40%: the SMTP server goes down for {@code faults.smtp-outage} seconds (60);</li>
 *   <li>60%: the broker is restarted;</li>
 *   <li>70%, PostgreSQL only: the database is restarted;</li>
 *   <li>PostgreSQL only: a second instance shares the load from the start and is stopped (SIGTERM) at 80%.
 *       H2 in file mode belongs to one process, so the H2 run has one instance.</li>
 * </ul>
 * It prints expected, delivered, missing, duplicated and refused notifications per channel, and Herald's own count of
 * its attempts by state. Herald runs with its default settings except those DESIGN.md names for the fault run: no
 * hold, no quiet hours, no caps.
 */
public final class FaultRun {

    private final int events = Integer.getInteger("faults.events", 2000);
    private final int rate = Integer.getInteger("faults.rate", 20);
    private final Duration smtpOutage = Duration.ofSeconds(Integer.getInteger("faults.smtp-outage", 60));
    private final Duration storm = Duration.ofSeconds(Integer.getInteger("faults.storm", 20));
    private final Duration settle = Duration.ofMinutes(Integer.getInteger("faults.settle-minutes", 20));

    public static void main(String[] args) throws Exception {
        String databases = System.getProperty("faults.databases", "h2,postgresql");
        List<String> report = new ArrayList<>();
        boolean clean = true;
        for (String database : databases.split(",")) {
            Variant variant = new FaultRun().run(database.trim().equals("postgresql"));
            report.addAll(variant.lines());
            clean &= variant.clean();
        }
        System.out.println();
        System.out.println("== Herald fault run ==");
        report.forEach(System.out::println);
        System.exit(clean ? 0 : 1);
    }

    record Variant(List<String> lines, boolean clean) {
    }

    private Variant run(boolean onPostgres) throws Exception {
        String name = onPostgres ? "postgresql" : "h2";
        Path dir = FaultEnvironment.cleanFolder(Path.of(System.getProperty("faults.dir", "target/faults"), name));
        List<String> timeline = new ArrayList<>();
        Instant began = Instant.now();
        try (FaultEnvironment env = new FaultEnvironment(dir, onPostgres).start()) {
            HeraldProcess a = env.herald("herald-a", Map.of());
            HeraldProcess b = onPostgres ? env.herald("herald-b", Map.of()) : null;
            CompletableFuture<Void> startB = b == null ? CompletableFuture.completedFuture(null)
                    : CompletableFuture.runAsync(b::start);
            a.start();
            startB.get();
            log(timeline, began, "herald-a ready in " + a.lastStart().toSeconds() + " s"
                    + (b == null ? "" : ", herald-b in " + b.lastStart().toSeconds() + " s"));

            FaultTraffic traffic = new FaultTraffic(onPostgres ? "RUNPGS" : "RUNH2S", events);
            AtomicInteger turn = new AtomicInteger();
            traffic.sendOrders(() -> pick(a, b, turn).baseUrl());
            log(timeline, began, events + " orders accepted");

            CompletableFuture<Void> shipments = env.sendShipments(traffic, () -> pick(a, b, turn).baseUrl(), rate);
            ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor();
            at(traffic, 0.10);
            env.twilio().storm();
            env.push().storm();
            log(timeline, began, "Twilio and push backend storm (503, 429, answers lost) for " + storm.toSeconds()
                    + " s");
            ScheduledFuture<?> calm = later.schedule(() -> {
                env.twilio().calm();
                env.push().calm();
                log(timeline, began, "Twilio and push backend calm");
            }, storm.toMillis(), TimeUnit.MILLISECONDS);

            at(traffic, 0.25);
            a.kill();
            log(timeline, began, "herald-a killed (-9) after " + traffic.accepted() + " shipments");
            a.start();
            log(timeline, began, "herald-a ready again in " + a.lastStart().toSeconds() + " s");

            at(traffic, 0.40);
            env.smtp().stop();
            log(timeline, began, "SMTP down for " + smtpOutage.toSeconds() + " s");
            later.schedule(() -> {
                env.smtp().start();
                log(timeline, began, "SMTP up");
            }, smtpOutage.toMillis(), TimeUnit.MILLISECONDS);

            at(traffic, 0.60);
            env.broker().restart();
            log(timeline, began, "broker restarted");

            if (onPostgres) {
                at(traffic, 0.70);
                env.postgres().restart();
                log(timeline, began, "PostgreSQL restarted");
                at(traffic, 0.80);
                b.stop();
                log(timeline, began, "herald-b stopped (SIGTERM)");
            }
            shipments.get();
            log(timeline, began, events + " shipments accepted, " + traffic.retries() + " sends retried");
            Awaitility.await("the SMTP outage and the storm to end").atMost(smtpOutage.plus(storm))
                    .until(() -> env.smtp().isUp());
            calm.get(storm.toMillis(), TimeUnit.MILLISECONDS); // a storm that did not end fails the run here

            env.settle(traffic, settle);
            // an attempt whose hand-off a kill -9 cut off before its outcome was recorded stays SENDING until its
            // lease runs out and the republish sweep hands it over again: the ledgers count that resend too
            Awaitility.await("no attempt left DECIDED or SENDING").atMost(settle).pollInterval(Duration.ofSeconds(2))
                    .until(() -> !inFlight(attempts(a, began)));
            env.awaitDrained(settle);
            List<FaultLedger> ledgers = env.ledgers(traffic);
            log(timeline, began, "settled");
            a.assertAlive();

            List<String> lines = new ArrayList<>();
            lines.add("");
            lines.add("-- " + name + (onPostgres ? ", two instances" : ", one instance") + ": " + events
                    + " orders and " + events + " shipments at " + rate + "/s --");
            lines.addAll(timeline);
            lines.add("| channel | expected | delivered | missing | duplicated | resent after unknown outcome "
                    + "| refused |");
            lines.add("|---|---|---|---|---|---|---|");
            for (FaultLedger ledger : ledgers) {
                lines.add("| %s | %d | %d | %d | %d | %d | %d |".formatted(ledger.channel(), ledger.expected(),
                        ledger.delivered(), ledger.missing(), ledger.duplicated(), ledger.resent(),
                        traffic.refused()));
                if (ledger.missing() > 0) {
                    lines.add("   missing, e.g.: " + ledger.missingRecipients());
                }
            }
            lines.add("Twilio requests refused by the storm: " + env.twilio().refused()
                    + "; messages it accepted without an answer: " + env.twilio().lostAnswers());
            lines.add("Pushes refused by the backend's storm: " + env.push().refused()
                    + "; pushes it took without an answer: " + env.push().lostAnswers()
                    + "; requests with a bad signature or an old timestamp: " + env.push().badSignatures());
            lines.add("Herald's attempts by state: " + attempts(a, began));
            lines.add("Hand-offs taken over from a stopped instance (RESUMED): " + env.takeovers());
            List<String> unsettled = env.unsettledAttempts();
            lines.add("Attempts not SENT, with the other attempts for their recipients: "
                    + (unsettled.isEmpty() ? "none" : ""));
            lines.addAll(unsettled);
            boolean clean = ledgers.stream().allMatch(FaultLedger::clean) && traffic.refused() == 0;
            return new Variant(lines, clean);
        }
    }

    private static HeraldProcess pick(HeraldProcess a, HeraldProcess b, AtomicInteger turn) {
        return b != null && b.isAlive() && turn.incrementAndGet() % 2 == 0 ? b : a;
    }

    /** Waits until {@code share} of the shipments were accepted. */
    private void at(FaultTraffic traffic, double share) {
        Awaitility.await(share * 100 + "% of the shipments").atMost(settle).pollInterval(Duration.ofMillis(100))
                .until(() -> traffic.accepted() >= share * events);
    }

    private static synchronized void log(List<String> timeline, Instant began, String what) {
        String line = "  %4d s  %s".formatted(Duration.between(began, Instant.now()).toSeconds(), what);
        timeline.add(line);
        System.out.println(line);
    }

    private static boolean inFlight(String attempts) {
        return attempts.contains("\"DECIDED\"") || attempts.contains("\"SENDING\"") || attempts.startsWith("(");
    }

    /** The attempts Herald recorded since the run began, by channel and state, from its KPIs. */
    private static String attempts(HeraldProcess herald, Instant began) {
        String body = herald.get("/api/v1/kpis?from=" + began.minusSeconds(60) + "&to=" + Instant.now().plusSeconds(60));
        int start = body.indexOf("\"notifications\":");
        int end = body.indexOf("},\"delivery\"");
        return start < 0 || end < 0 ? body : body.substring(start + 16, end + 1);
    }
}
