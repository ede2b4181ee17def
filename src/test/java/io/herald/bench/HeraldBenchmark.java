package io.herald.bench;

import io.herald.bench.BenchmarkProbes.CpuSnapshot;
import io.herald.bench.BenchmarkProbes.H2Store;
import io.herald.bench.BenchmarkProbes.Timing;
import io.herald.bench.BenchmarkWorkload.Round;
import io.herald.render.SmsSegments;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.ToIntFunction;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Herald's throughput benchmark (docs/benchmarks.md): starts the whole application as its default run does, on a
 * temporary data folder (embedded KRaft broker, H2 in file mode or an embedded PostgreSQL, the GreenMail SMTP sink,
 * the local SMS outbox), optionally as two instances in one consumer group, seeds orders through the OMS intake,
 * pushes N WMS shipment records through the full pipeline from Kafka to SMTP and SMS, and then, in the same JVM and
 * on the same broker, moves the same N records from one Kafka topic to another twice: with a bare per-message Camel
 * route, and with the raw Kafka clients in batches ({@link RawClientRelay}); and pushes them once more through the
 * pipeline's shape without Herald's work ({@link ShapeBaseline}). Prints a summary; Herald's ratios to the
 * baselines are the figures that carry across machines.
 *
 * <p>Run with {@code ./mvnw -Pbenchmark verify -Dbenchmark.events=10000}. Program arguments ({@code --key=value},
 * {@code -Dbenchmark.args=...} in Maven) go to Spring Boot and override Herald's configuration, so configuration-only
 * tuning can be tried without editing anything.
 */
public final class HeraldBenchmark {

    private static final String LATENCY = "herald.delivery.latency";
    private static final String BASELINE_IN = "bench.in";
    private static final String BASELINE_OUT = "bench.out";
    private static final String RAW_IN = "bench.raw.in";
    private static final String RAW_OUT = "bench.raw.out";
    /** Measured rounds of each baseline; the median counts. */
    static final int BASELINE_ROUNDS = 3;
    private static final PrintStream OUT = System.out;

    private final BenchmarkSettings settings;
    private final HeraldInstances instances;
    private final ConfigurableApplicationContext context;
    private final CamelContext camel;
    private final JdbcTemplate jdbc;
    /** One registry per instance: each counts and times what its own routes did. */
    private final List<MeterRegistry> meters;
    private final String bootstrapServers;
    private final String wmsTopic;
    private final BenchmarkWorkload workload;
    /** Twilio's API on WireMock, or null when SMS go to the local outbox. */
    private final BenchmarkTwilio twilio;
    private String loadBefore = "?";

    private HeraldBenchmark(BenchmarkSettings settings, HeraldInstances instances, BenchmarkTwilio twilio) {
        this.settings = settings;
        this.twilio = twilio;
        this.instances = instances;
        this.context = instances.contexts().get(0);
        this.camel = context.getBean(CamelContext.class);
        this.jdbc = context.getBean(JdbcTemplate.class);
        this.meters = instances.contexts().stream().map(c -> c.getBean(MeterRegistry.class)).toList();
        Environment env = context.getEnvironment();
        this.bootstrapServers = env.getRequiredProperty("herald.kafka.bootstrap-servers");
        this.wmsTopic = env.getRequiredProperty("herald.kafka.topics.wms-shipments");
        this.workload = new BenchmarkWorkload(settings.orders());
    }

    public static void main(String[] args) throws Exception {
        BenchmarkSettings settings;
        try {
            settings = BenchmarkSettings.fromSystemProperties();
        } catch (IllegalArgumentException e) {
            System.err.println("Benchmark not started: " + e.getMessage());
            System.exit(1);
            return;
        }
        Path dataDir = Files.createTempDirectory("herald-benchmark-");
        List<String> appArgs = new ArrayList<>(List.of(
                "--herald.data-dir=" + dataDir,
                "--server.port=0",
                "--herald.kafka.embedded.enabled=true",
                "--herald.mail.local-sink.enabled=true",
                // one INFO line per SMS would put N lines on the console; the outbox still runs for every message
                "--logging.level.io.herald.channel.LocalSmsOutbox=WARN",
                // DESIGN.md: the benchmark measures throughput, not the policies that wait or limit on purpose: the
                // hold window would be its latency, quiet hours would defer SMS at night, and the cap would suppress
                // the shipments of customers with many
                "--herald.notifications.hold=0s",
                "--herald.quiet-hours.channels=",
                "--herald.notifications.cap.per-shipment-per-day=1000000",
                "--herald.notifications.cap.per-customer-per-day=1000000",
                "--spring.main.banner-mode=off"));
        BenchmarkTwilio twilio = settings.twilioLatencyMs() < 0 ? null : new BenchmarkTwilio(settings.twilioLatencyMs());
        appArgs.addAll(twilio == null ? List.of("--herald.channels.sms.uri=bean:localSmsOutbox?method=send")
                : twilio.heraldArgs());
        appArgs.addAll(Arrays.asList(args));

        int status = 1;
        long started = System.nanoTime();
        try (twilio; HeraldInstances instances = HeraldInstances.start(settings, dataDir, appArgs, ctx -> ctx.getBeanFactory()
                .registerSingleton("benchmarkLatencyOverWholeRound", latencyOverWholeRound()))) {
            OUT.printf(Locale.ROOT, "%nHerald started (%d instance%s) in %.1f s; benchmark data in a temporary folder%n",
                    settings.instances(), settings.instances() == 1 ? "" : "s", (System.nanoTime() - started) / 1e9);
            status = new HeraldBenchmark(settings, instances, twilio).run() ? 0 : 2;
        } catch (Exception | Error e) {
            e.printStackTrace();
        } finally {
            if (!settings.keepData()) {
                deleteQuietly(dataDir);
            } else {
                OUT.println("Kept the benchmark's data in " + dataDir);
            }
        }
        System.exit(status);
    }

    /**
     * Micrometer keeps client-side percentiles over a rolling two-minute window by default; the benchmark wants them
     * over the whole measured round, with three significant digits.
     */
    private static MeterFilter latencyOverWholeRound() {
        return new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                if (!LATENCY.equals(id.getName())) {
                    return config;
                }
                return DistributionStatisticConfig.builder().expiry(Duration.ofDays(1)).bufferLength(1)
                        .percentilePrecision(3).build().merge(config);
            }
        };
    }

    /** Runs every round and prints the summary; false if a round did not complete. */
    private boolean run() throws Exception {
        int port = context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
        long t0 = System.nanoTime();
        workload.seedOrders(port);
        BenchmarkWorkload.awaitTrue("the seeded orders", settings.timeout(), () -> count(
                "SELECT COUNT(*) FROM customer_order WHERE order_id LIKE 'BO-%'") >= settings.orders());
        OUT.printf(Locale.ROOT, "Seeded %,d orders through the OMS intake in %.1f s%n", settings.orders(),
                (System.nanoTime() - t0) / 1e9);

        if (settings.warmup() > 0) {
            Round warmup = workload.round("W", settings.warmup());
            OUT.printf(Locale.ROOT, "Warm-up: %,d records, %,d notifications%n", warmup.size(), warmup.notifications());
            pushThroughHerald(warmup);
        }
        for (ConfigurableApplicationContext instance : instances.contexts()) {
            BenchmarkProbes.resetCamelStatistics(instance.getBean(CamelContext.class));
        }
        meters.forEach(registry -> registry.find(LATENCY).meters().forEach(registry::remove));

        Round measured = workload.round("M", settings.events());
        OUT.printf(Locale.ROOT, "Measured round: %,d records, %,d notifications%s%n", measured.size(),
                measured.notifications(), settings.rate() > 0 ? ", offered at " + settings.rate() + " records/s" : "");
        loadBefore = BenchmarkProbes.loadAverage();
        CpuSnapshot cpuBefore = BenchmarkProbes.cpu();
        long databaseBefore = instances.databaseCpuNanos();
        H2Store h2Before = BenchmarkProbes.h2Store(jdbc);
        Recording profile = startProfile(settings.profile());
        boolean complete = pushThroughHerald(measured);
        CpuSnapshot cpuAfter = BenchmarkProbes.cpu();
        stopProfile(profile);
        H2Store h2After = h2Before == null ? null : BenchmarkProbes.h2Store(jdbc);
        H2Store h2 = h2After == null ? null : h2After.since(h2Before);
        long databaseCpu = databaseBefore < 0 ? -1 : instances.databaseCpuNanos() - databaseBefore;
        HeraldResult herald = heraldResult(measured);
        long peakRssKb = BenchmarkProbes.procStatusKb("VmHWM"); // Herald's, before the baselines run in this JVM
        List<List<Timing>> timings = instances.contexts().stream().map(instance -> BenchmarkProbes.camelTimings(
                instance.getBean(CamelContext.class), BenchmarkProbes.ROUTES, BenchmarkProbes.STEPS)).toList();

        // the baselines measure what the broker allows, so they are always pushed as fast as possible
        BaselineResult bareRoute = settings.baseline() ? bareRouteBaseline(measured) : null;
        BaselineResult rawClients = settings.rawBaseline() ? rawClientBaseline(measured) : null;
        BaselineResult shape = settings.shapeBaseline() ? shapeBaseline(measured) : null;

        report(measured, complete, herald, peakRssKb, bareRoute, rawClients, shape, timings, cpuBefore, cpuAfter,
                databaseCpu, h2);
        return complete;
    }

    /**
     * A JFR recording with the JDK's {@code profile} settings, started right before the measured round when
     * {@code -Dbenchmark.profile} names a file; null otherwise. A profile of the whole run would mix the start, the
     * seeding, the warm-up, the baselines and the stop (H2's compaction on close) into the round's samples.
     */
    private static Recording startProfile(Optional<Path> file) throws IOException, ParseException {
        if (file.isEmpty()) {
            return null;
        }
        Recording recording = new Recording(Configuration.getConfiguration("profile"));
        recording.setName("herald-benchmark-measured-round");
        recording.setDestination(file.get());
        recording.start();
        return recording;
    }

    /** Stops the round's recording, which writes it to its file. */
    private static void stopProfile(Recording recording) {
        if (recording == null) {
            return;
        }
        recording.stop();
        recording.close();
        OUT.println("Profile of the measured round (its figures below include the profiler's own cost): "
                + recording.getDestination());
    }

    /** Notifications handed off, over every instance. */
    private long sent() {
        return notifications("SENT");
    }

    private long failed() {
        return notifications("FAILED");
    }

    private long notifications(String state) {
        return (long) meters.stream().flatMap(registry -> registry.find("herald.notifications").tag("state", state)
                .counters().stream()).mapToDouble(Counter::count).sum();
    }

    private long count(String sql) {
        Long n = jdbc.queryForObject(sql, Long.class);
        return n == null ? 0 : n;
    }

    /** Publishes the round on the WMS topic and waits until all its notifications were handed off (or failed). */
    private boolean pushThroughHerald(Round round) throws InterruptedException {
        long target = sent() + failed() + round.notifications();
        BenchmarkWorkload.publish(bootstrapServers, wmsTopic, round, settings.rate());
        round.dropPayloads();
        try {
            BenchmarkWorkload.awaitTrue("round " + round.name(), settings.timeout(), () -> sent() + failed() >= target);
            return failed() == 0;
        } catch (IllegalStateException timedOut) {
            OUT.println(timedOut.getMessage());
            return false;
        }
    }

    record Latency(int samples, long p50, long p90, long p99, long max) {

        static Latency of(long[] millis) {
            long[] sorted = millis.clone();
            Arrays.sort(sorted);
            return new Latency(sorted.length, rank(sorted, 0.50), rank(sorted, 0.90), rank(sorted, 0.99),
                    sorted.length == 0 ? 0 : sorted[sorted.length - 1]);
        }

        private static long rank(long[] sorted, double p) {
            return sorted.length == 0 ? 0 : sorted[Math.max(0, (int) Math.ceil(p * sorted.length) - 1)];
        }
    }

    record HeraldResult(long notificationsSent, long smsSent, long lastSmsSentAt, long firstProducedAt,
                        long lastProducedAt, long lastSentAt,
                        Latency endToEnd, Map<String, double[]> timerByChannel, long deadLetters,
                        long intakeFailures, long failedNotifications) {

        double windowSeconds() {
            return (lastSentAt - firstProducedAt) / 1000.0;
        }
    }

    /**
     * A baseline's round: how many records it moved, from the first handed to the producer to the last moved, and
     * the process's CPU a record over it; with the rates of every round measured ({@link #BASELINE_ROUNDS}), of which
     * this is the median one.
     */
    record BaselineResult(int moved, long firstProducedAt, long lastMovedAt, List<Double> roundRates,
                          double cpuMillisPerRecord) {

        double windowSeconds() {
            return (lastMovedAt - firstProducedAt) / 1000.0;
        }

        double perSecond() {
            return moved / windowSeconds();
        }

        /** The round of median rate, carrying every round's rate in the order they ran. */
        static BaselineResult median(List<BaselineResult> rounds) {
            List<BaselineResult> byRate = new ArrayList<>(rounds);
            byRate.sort(Comparator.comparingDouble(BaselineResult::perSecond));
            BaselineResult median = byRate.get(byRate.size() / 2);
            return new BaselineResult(median.moved(), median.firstProducedAt(), median.lastMovedAt(),
                    rounds.stream().map(BaselineResult::perSecond).toList(), median.cpuMillisPerRecord());
        }
    }

    /** Reads the measured round back from the notification table and the latency timer. */
    private HeraldResult heraldResult(Round round) {
        List<long[]> rows = jdbc.query("SELECT tracking_number, sent_at, channel FROM notification "
                + "WHERE state = 'SENT' AND tracking_number LIKE '1ZBENCH" + round.name() + "%'", (rs, n) -> {
                    int i = BenchmarkWorkload.indexOf(round.name(), rs.getString(1));
                    long sentAt = rs.getObject(2, OffsetDateTime.class).toInstant().toEpochMilli();
                    return new long[] {i, sentAt, "sms".equals(rs.getString(3)) ? 1 : 0};
                });
        long[] latencies = rows.stream().mapToLong(r -> r[1] - round.producedAt()[(int) r[0]]).toArray();
        long lastSent = rows.stream().mapToLong(r -> r[1]).max().orElse(round.producedAt()[0]);
        Map<String, double[]> timers = new java.util.TreeMap<>();
        for (int n = 0; n < meters.size(); n++) {
            String instance = meters.size() == 1 ? "" : ", inst. " + (n + 1);
            meters.get(n).find(LATENCY).timers().forEach(timer -> timers.put(timer.getId().getTag("channel") + instance,
                    timerFigures(timer)));
        }
        long lastSms = rows.stream().filter(r -> r[2] == 1).mapToLong(r -> r[1]).max().orElse(round.producedAt()[0]);
        return new HeraldResult(rows.size(), rows.stream().mapToLong(r -> r[2]).sum(), lastSms,
                round.producedAt()[0], round.producedAt()[round.size() - 1], lastSent,
                Latency.of(latencies), timers, count("SELECT COUNT(*) FROM dead_letter"),
                count("SELECT COUNT(*) FROM intake_failure"),
                count("SELECT COUNT(*) FROM notification WHERE state = 'FAILED'"));
    }

    /** Count, p50, p99 and max (ms) of a latency timer. */
    private static double[] timerFigures(Timer timer) {
        ValueAtPercentile[] values = timer.takeSnapshot().percentileValues();
        double p50 = Stream.of(values).filter(v -> v.percentile() == 0.5).mapToDouble(
                v -> v.value(TimeUnit.MILLISECONDS)).findFirst().orElse(Double.NaN);
        double p99 = Stream.of(values).filter(v -> v.percentile() == 0.99).mapToDouble(
                v -> v.value(TimeUnit.MILLISECONDS)).findFirst().orElse(Double.NaN);
        return new double[] {timer.count(), p50, p99, timer.max(TimeUnit.MILLISECONDS)};
    }

    /**
     * The bare route: {@code kafka:bench.in} to {@code kafka:bench.out}, with Herald's Kafka component settings
     * (acks=all, idempotent producer), in Herald's CamelContext, fed by the same producer with the same records.
     */
    private BaselineResult bareRouteBaseline(Round measured) throws Exception {
        AtomicLong moved = new AtomicLong();
        AtomicLong lastMovedAt = new AtomicLong();
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("kafka:" + BASELINE_IN + "?groupId=herald-benchmark-baseline&autoOffsetReset=earliest")
                        .routeId("benchmark-baseline-relay")
                        .to("kafka:" + BASELINE_OUT).id("benchmark-baseline-send")
                        .process(exchange -> {
                            lastMovedAt.set(System.currentTimeMillis());
                            moved.incrementAndGet();
                        }).id("benchmark-baseline-count");
            }
        });
        return baselineRounds("bare route", BASELINE_IN, measured, Round::size, moved::get, lastMovedAt::get);
    }

    /**
     * The raw clients: a plain consumer and producer that move the same records from {@code bench.raw.in} to
     * {@code bench.raw.out} a poll at a time, with one wait for every acknowledgement and a commit after it.
     */
    private BaselineResult rawClientBaseline(Round measured) throws Exception {
        try (RawClientRelay relay = new RawClientRelay(bootstrapServers, RAW_IN, RAW_OUT,
                "herald-benchmark-raw-clients")) {
            return baselineRounds("raw clients", RAW_IN, measured, Round::size, relay::moved, relay::lastMovedAt);
        }
    }

    /**
     * The pipeline's shape without Herald's work ({@link ShapeBaseline}), in Herald's CamelContext, on its topics'
     * partitions, its batch settings, hand-off pools and local sinks; a round ends when its last notification is
     * handed off, as Herald's does.
     */
    private BaselineResult shapeBaseline(Round measured) throws Exception {
        String[] email = jdbc.queryForObject("SELECT subject, body_html, body_text FROM notification WHERE channel = "
                + "'email' AND body_html IS NOT NULL FETCH FIRST 1 ROWS ONLY", (rs, n) -> new String[] {
                        rs.getString(1), rs.getString(2), rs.getString(3)});
        ShapeBaseline shape = new ShapeBaseline();
        shape.install(camel, bootstrapServers, context.getEnvironment().getRequiredProperty(
                "herald.kafka.own-topics.partitions", Integer.class), email);
        return baselineRounds("pipeline shape", ShapeBaseline.IN, measured, Round::notifications, shape::handedOff,
                shape::lastHandedOffAt);
    }

    /**
     * A baseline's warm-up, then {@link #BASELINE_ROUNDS} rounds of the measured round's payloads and keys, each
     * pushed at once by the same kind of producer: a round's window runs from the first record handed to it to the
     * moment the baseline made its last move for the round ({@code moves}: a relay moves each record once, the
     * pipeline's shape hands off each of the round's notifications). The median round counts: the raw clients move
     * 10,000 records in well under a second, so one pause of the JVM they share with Herald (a full collection) would
     * otherwise be their figure.
     */
    private BaselineResult baselineRounds(String name, String topic, Round measured, ToIntFunction<Round> moves,
                                          LongSupplier moved, LongSupplier lastMovedAt) throws Exception {
        int warmup = Math.max(settings.warmup(), 100);
        Round warm = workload.round("W", Math.min(warmup, measured.size()));
        long start = moved.getAsLong();
        BenchmarkWorkload.publish(bootstrapServers, topic, warm, 0);
        BenchmarkWorkload.awaitTrue("the " + name + " warm-up", settings.timeout(),
                () -> moved.getAsLong() - start >= moves.applyAsInt(warm));

        // the measured round's payloads again (Herald's round let them go), made before the rounds that take them
        Round payloads = workload.round("M", measured.size());
        List<BaselineResult> rounds = new ArrayList<>();
        for (int i = 0; i < BASELINE_ROUNDS; i++) {
            long before = moved.getAsLong();
            long cpuBefore = BenchmarkProbes.processCpuNanos();
            Round copy = new Round("M", payloads.keys(), payloads.payloads(), new long[payloads.size()],
                    payloads.notifications());
            BenchmarkWorkload.publish(bootstrapServers, topic, copy, 0);
            BenchmarkWorkload.awaitTrue("the " + name + " round", settings.timeout(),
                    () -> moved.getAsLong() - before >= moves.applyAsInt(copy));
            double cpuMillis = (BenchmarkProbes.processCpuNanos() - cpuBefore) / 1e6;
            rounds.add(new BaselineResult(copy.size(), copy.producedAt()[0], lastMovedAt.getAsLong(), List.of(),
                    cpuMillis / copy.size()));
        }
        return BaselineResult.median(rounds);
    }

    private void report(Round round, boolean complete, HeraldResult herald, long peakRssKb, BaselineResult bareRoute,
                        BaselineResult rawClients, BaselineResult shape, List<List<Timing>> timings,
                        CpuSnapshot before, CpuSnapshot after, long databaseCpu, H2Store h2) {
        double window = herald.windowSeconds();
        double eventsPerSecond = round.size() / window;
        double notificationsPerSecond = herald.notificationsSent() / window;
        double offered = round.size() / Math.max(0.001, (herald.lastProducedAt() - herald.firstProducedAt()) / 1000.0);
        Runtime rt = Runtime.getRuntime();
        String line = "-".repeat(78);
        List<String> jvmArgs = ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> !a.startsWith("-Dbenchmark.")).toList();

        OUT.println();
        OUT.println("=".repeat(78));
        OUT.println(" Herald benchmark" + (complete ? "" : "  ** INCOMPLETE: see above **"));
        OUT.println("=".repeat(78));
        row("machine", "%d CPUs, %s, Java %s, max heap %d MB".formatted(rt.availableProcessors(),
                System.getProperty("os.arch"), System.getProperty("java.version"), rt.maxMemory() >> 20));
        row("load average (1/5/15 min)", loadBefore + " before the round, " + BenchmarkProbes.loadAverage() + " after"
                + " (other processes on the machine skew the figures)");
        row("JVM arguments", (jvmArgs.isEmpty() ? "(none)" : String.join(" ", jvmArgs))
                + "; MALLOC_ARENA_MAX=" + Objects.requireNonNullElse(System.getenv("MALLOC_ARENA_MAX"), "(unset)"));
        row("database", instances.databaseDescription(instances.onPostgres()
                ? jdbc.queryForObject("SHOW server_version", String.class) : ""));
        row("instances", settings.instances() == 1 ? "1"
                : "%d in this JVM, in the same consumer groups, on one broker, mail sink and database"
                        .formatted(settings.instances()));
        row("overrides", String.join(" ", instances.sharedArgs().stream()
                .filter(a -> !a.startsWith("--herald.data-dir")).toList()));
        for (int i = 1; i < settings.instances(); i++) {
            row("  instance " + (i + 1) + " also", String.join(" ", instances.ownOverrides(i).stream()
                    .filter(a -> !a.startsWith("--herald.data-dir")).toList()));
        }
        row("workload", "%,d WMS SHIPPED records, %,d orders seeded (k=%d), warm-up %,d, %s".formatted(round.size(),
                settings.orders(), settings.shipmentsPerOrder(), settings.warmup(),
                settings.rate() > 0 ? "offered at " + settings.rate() + "/s, evenly spaced" : "pushed as fast as possible"));
        row("producer", "%,.0f records/s offered (time to hand all records to the producer: %.2f s)".formatted(
                offered, (herald.lastProducedAt() - herald.firstProducedAt()) / 1000.0));
        OUT.println(line);
        row("Herald events/s", "%,.0f   (%,d events in %.2f s, first record produced to last hand-off)"
                .formatted(eventsPerSecond, round.size(), window));
        row("notifications/s", "%,.0f   (%,d of %,d notifications SENT: email via SMTP, SMS via %s)"
                .formatted(notificationsPerSecond, herald.notificationsSent(), round.notifications(),
                        twilio == null ? "local outbox" : "Twilio's API on WireMock"));
        if (twilio != null) {
            long segments = jdbc.queryForList("SELECT body_text FROM notification WHERE channel = 'sms' AND state = "
                    + "'SENT' AND tracking_number LIKE '1ZBENCH" + round.name() + "%'", String.class).stream()
                    .mapToLong(body -> Math.max(1, SmsSegments.of(body).segments())).sum();
            double smsWindow = (herald.lastSmsSentAt() - herald.firstProducedAt()) / 1000.0;
            row("SMS to Twilio", ("%,.0f/s, %,.0f segments/s   (%,d SMS SENT, %,d segments, first record produced to "
                    + "last SMS in %.2f s; Twilio answering after %d ms; sender %s, a short code at 100 segments/s; at "
                    + "most %,d SMS accepted in any one second)").formatted(herald.smsSent() / smsWindow,
                    segments / smsWindow, herald.smsSent(), segments, smsWindow, twilio.latencyMs(),
                    BenchmarkTwilio.SENDER, twilio.peakPerSecond()));
        }
        Latency e2e = herald.endToEnd();
        row("latency WMS record -> hand-off", "p50 %,d ms   p90 %,d ms   p99 %,d ms   max %,d ms   (%,d notifications%s)"
                .formatted(e2e.p50(), e2e.p90(), e2e.p99(), e2e.max(), e2e.samples(),
                        settings.rate() > 0 ? ", " + settings.rate() + " records/s offered" : ", saturated"));
        herald.timerByChannel().forEach((channel, v) -> row("latency timer " + channel,
                "p50 %,.0f ms   p99 %,.0f ms   max %,.0f ms   (%s, %,.0f samples)".formatted(v[1], v[2], v[3],
                        LATENCY, v[0])));
        row("peak RSS (VmHWM)", ("%,d MB   (after Herald's round; with the baselines' %,d MB, VmRSS now %,d MB, heap "
                + "used %,d MB)").formatted(peakRssKb >> 10, BenchmarkProbes.procStatusKb("VmHWM") >> 10,
                BenchmarkProbes.procStatusKb("VmRSS") >> 10, (rt.totalMemory() - rt.freeMemory()) >> 20));
        row("failures", "%d failed notifications, %d dead letters, %d intake failures".formatted(
                herald.failedNotifications(), herald.deadLetters(), herald.intakeFailures()));
        OUT.println(line);
        double barePerSecond = baselineRow("bare route events/s", bareRoute,
                "per-message Camel route kafka:%s -> kafka:%s".formatted(BASELINE_IN, BASELINE_OUT),
                "-Dbenchmark.baseline=false");
        double rawPerSecond = baselineRow("raw clients events/s", rawClients,
                "KafkaConsumer -> KafkaProducer %s -> %s, a poll at a time, flush, commitSync".formatted(RAW_IN, RAW_OUT),
                "-Dbenchmark.raw-baseline=false");
        double shapePerSecond = baselineRow("pipeline shape events/s", shape, ("Herald's three Kafka hops, batches, "
                + "hand-off pools and local sinks, %.2f notifications an event, without its work: no database, "
                + "mapping, rules or rendering").formatted((double) round.notifications() / round.size()),
                "-Dbenchmark.shape-baseline=false");
        if (bareRoute != null) {
            row("Herald / bare route", "%.3f".formatted(eventsPerSecond / barePerSecond));
        }
        if (rawClients != null) {
            row("Herald / raw clients", "%.4f".formatted(eventsPerSecond / rawPerSecond));
        }
        if (shape != null) {
            row("Herald / pipeline shape", "%.3f".formatted(eventsPerSecond / shapePerSecond));
        }
        OUT.println(line);
        row("targets (not tests)", "%s >= 2,000 events/s;  %s Herald / bare route >= 1.5".formatted(
                eventsPerSecond >= 2000 ? "MET" : "MISSED",
                bareRoute == null ? "n/a:" : eventsPerSecond / barePerSecond >= 1.5 ? "MET" : "MISSED"));
        row("", settings.rate() == 1000
                ? "%s p99 < 250 ms at 1,000 events/s offered".formatted(e2e.p99() < 250 ? "MET" : "MISSED")
                : "n/a: p99 < 250 ms is measured at -Dbenchmark.rate=1000");
        row("", settings.events() >= 10_000
                ? "%s peak RSS < 512 MB at %,d events".formatted(peakRssKb >> 10 < 512 ? "MET" : "MISSED",
                        settings.events())
                : "n/a: peak RSS < 512 MB is measured at -Dbenchmark.events=10000");
        OUT.println("=".repeat(78));

        OUT.println();
        OUT.printf(Locale.ROOT, "Where the time went in the measured round (%.2f s wall, %d CPUs):%n", window,
                rt.availableProcessors());
        for (int i = 0; i < timings.size(); i++) {
            OUT.printf(Locale.ROOT, "  %-44s %9s %11s %9s %7s%n", timings.size() == 1 ? "Camel route / step"
                    : "Camel route / step, instance " + (i + 1), "exchanges", "total ms", "mean ms", "busy");
            for (Timing t : timings.get(i)) {
                OUT.printf(Locale.ROOT, "  %-44s %,9d %,11d %9.2f %6.0f%%%n", t.id(), t.exchanges(), t.totalMillis(),
                        t.meanMillis(), 100.0 * t.totalMillis() / (window * 1000));
            }
        }
        if (timings.stream().flatMap(List::stream).noneMatch(t -> t.id().startsWith("  step"))) {
            OUT.println("  (no step figures: the default run registers routes only in JMX; -Dbenchmark.args=\""
                    + "--camel.main.jmx-management-m-beans-level=Default --camel.main.jmx-management-statistics-level"
                    + "=Default\" adds them, and their cost)");
        }
        long processCpu = after.processNanos() - before.processNanos();
        StringBuilder collectors = new StringBuilder();
        after.collectors().forEach((name, counts) -> {
            long[] was = before.collectors().getOrDefault(name, new long[2]);
            collectors.append(collectors.length() == 0 ? " (" : "; ").append(String.format(Locale.ROOT,
                    "%s %d in %.1f s", name, counts[0] - was[0], (counts[1] - was[1]) / 1000.0));
        });
        OUT.printf(Locale.ROOT, "%n  process CPU %.1f s over %.1f s wall = %.2f of %d cores busy; GC %.1f s%s%n",
                processCpu / 1e9, window, processCpu / 1e9 / window, rt.availableProcessors(),
                (after.gcMillis() - before.gcMillis()) / 1000.0, collectors.length() == 0 ? "" : collectors + ")");
        if (databaseCpu >= 0) {
            OUT.printf(Locale.ROOT, "  PostgreSQL's processes %.1f s of CPU (a process of its own, on the same cores)%n",
                    databaseCpu / 1e9);
        }
        if (before.machine().busyNanos() >= 0 && after.machine().busyNanos() >= 0) {
            long machineBusy = after.machine().busyNanos() - before.machine().busyNanos();
            OUT.printf(Locale.ROOT, "  the machine: %.1f s of CPU busy in all, %.1f s of it outside this process%s; "
                            + "%.1f s stolen by the hypervisor (time its CPUs waited for the host, in none of the "
                            + "figures above)%n", machineBusy / 1e9,
                    Math.max(0, machineBusy - processCpu - Math.max(0, databaseCpu)) / 1e9,
                    databaseCpu >= 0 ? " and PostgreSQL" : "",
                    (after.machine().stealNanos() - before.machine().stealNanos()) / 1e9);
        }
        long counted = processCpu + Math.max(0, databaseCpu);
        OUT.printf(Locale.ROOT, "  = %.2f ms of CPU an event, all in the process%s counted; 2,000 events/s on %d "
                + "cores leaves %.2f ms%n", counted / 1e6 / round.size(), databaseCpu >= 0 ? " and PostgreSQL" : "",
                rt.availableProcessors(), rt.availableProcessors() * 1000.0 / 2000);
        Map<String, Long> allocated = BenchmarkProbes.allocatedBetween(before, after);
        long allocatedBytes = allocated.values().stream().mapToLong(Long::longValue).sum();
        OUT.printf(Locale.ROOT, "  allocated %,.0f MB by the Java threads = %,.0f KB an event; the old generation held "
                + "%s after its latest collection (the live set then)%n", allocatedBytes / 1e6,
                allocatedBytes / 1e3 / round.size(), after.oldLiveBytes() < 0 ? "?"
                        : String.format(Locale.ROOT, "%.0f MB", after.oldLiveBytes() / 1e6));
        if (h2 != null) {
            OUT.printf(Locale.ROOT, "  H2's file: %,d writes (a store each) = %.2f an event, %,.0f KB written and "
                    + "%,.0f KB read back an event; its page cache's hit ratio %d %% at the end%n", h2.writes(),
                    (double) h2.writes() / round.size(), h2.writtenBytes() / 1e3 / round.size(),
                    h2.readBytes() / 1e3 / round.size(), h2.cacheHitPercent());
        }
        OUT.printf(Locale.ROOT, "  %-60s %9s %7s %10s%n", "thread group (digits folded)", "CPU s", "of wall",
                "MB alloc.");
        BenchmarkProbes.cpuBetween(before, after).entrySet().stream().limit(15).forEach(e -> OUT.printf(
                Locale.ROOT, "  %-60s %9.2f %6.0f%% %10s%n", abbreviate(e.getKey(), 60), e.getValue() / 1e9,
                100 * e.getValue() / 1e9 / window, allocated.containsKey(e.getKey())
                        ? String.format(Locale.ROOT, "%,.0f", allocated.get(e.getKey()) / 1e6) : "-"));
        OUT.println();
    }

    /** Prints a baseline's figure, or that it was skipped; returns its events/s (NaN when skipped). */
    private static double baselineRow(String label, BaselineResult result, String what, String skippedBy) {
        if (result == null) {
            row(label, "skipped (" + skippedBy + ")");
            return Double.NaN;
        }
        double perSecond = result.perSecond();
        row(label, "%,.0f   (%s, %,d records in %.2f s, %.2f ms of CPU a record; the median of %d rounds: %s)"
                .formatted(perSecond, what, result.moved(), result.windowSeconds(), result.cpuMillisPerRecord(),
                        result.roundRates().size(), result.roundRates().stream().map("%,.0f/s"::formatted)
                                .collect(Collectors.joining(", "))));
        return perSecond;
    }

    private static void row(String label, String value) {
        OUT.printf(Locale.ROOT, " %-31s %s%n", label, value);
    }

    private static String abbreviate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "~";
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            OUT.println("Could not delete the benchmark's data folder " + dir + ": " + e.getMessage());
        }
    }
}
