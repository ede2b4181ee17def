package io.herald.faults;

import io.herald.TestPorts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import ch.qos.logback.classic.Level;
import org.slf4j.LoggerFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.IntFunction;
import java.util.function.IntPredicate;
import java.util.function.Supplier;
import org.awaitility.core.ConditionTimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.awaitility.Awaitility;

/**
 * The outside world of one fault run: a Kafka broker process, an SMTP server, Twilio's API and an app backend for
 * pushes on WireMock and, for the PostgreSQL variant, a PostgreSQL server, each on a fixed port so it can go down and come back (below the ephemeral
 * ports: {@link TestPorts}); and the Herald processes that use them.
 */
final class FaultEnvironment implements AutoCloseable {

    static final String WMS_TOPIC = "herald.in.wms.shipments";

    private final Path dir;
    private final BrokerProcess broker;
    private final SmtpSink smtp;
    private final TwilioStub twilio;
    private final PushStub push;
    private final PostgresServer postgres;
    private final List<HeraldProcess> heralds = new ArrayList<>();

    FaultEnvironment(Path dir, boolean onPostgres) {
        // GreenMail logs every recipient it sees at INFO; the Kafka clients and PostgreSQL drown the run's own lines
        for (String logger : List.of("com.icegreen.greenmail", "org.apache.kafka", "io.zonky")) {
            ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(logger)).setLevel(Level.WARN);
        }
        this.dir = dir;
        this.broker = new BrokerProcess(dir, TestPorts.reusable());
        this.smtp = new SmtpSink(TestPorts.reusable());
        this.twilio = new TwilioStub(TestPorts.reusable());
        this.push = new PushStub(TestPorts.reusable());
        this.postgres = onPostgres ? new PostgresServer(dir.resolve("postgres"), TestPorts.reusable()) : null;
    }

    FaultEnvironment start() {
        smtp.start();
        twilio.start();
        push.start();
        if (postgres != null) {
            postgres.start();
        }
        broker.start();
        return this;
    }

    BrokerProcess broker() {
        return broker;
    }

    SmtpSink smtp() {
        return smtp;
    }

    TwilioStub twilio() {
        return twilio;
    }

    PushStub push() {
        return push;
    }

    /** The PostgreSQL of the PostgreSQL variant; fails on H2. */
    PostgresServer postgres() {
        if (postgres == null) {
            throw new IllegalStateException("This run keeps its state in H2");
        }
        return postgres;
    }

    boolean onPostgres() {
        return postgres != null;
    }

    /**
     * A Herald instance with its own port and data folder (its H2 file, on H2), on this environment's broker, SMTP
     * server, Twilio, app backend and database. Not started. {@code settings} add to or replace the run's settings.
     */
    HeraldProcess herald(String name, Map<String, String> settings) {
        int port = TestPorts.reusable();
        Map<String, String> all = new HashMap<>();
        all.put("herald.data-dir", dir.resolve(name).toString());
        all.put("herald.kafka.embedded.enabled", "false");
        all.put("herald.kafka.bootstrap-servers", broker.bootstrapServers());
        all.put("herald.mail.local-sink.enabled", "false");
        all.put("herald.channels.email.uri", "smtp://127.0.0.1:" + smtp.port());
        all.put("herald.channels.sms.uri", io.herald.channel.twilio.TwilioMessages.CHANNEL_URI);
        all.put("herald.channels.sms.twilio.account-sid", TwilioStub.ACCOUNT_SID);
        all.put("herald.channels.sms.twilio.auth-token", TwilioStub.AUTH_TOKEN);
        all.put("herald.channels.sms.twilio.base-url", twilio.baseUrl());
        all.put("herald.notifications.sms-from", "+15005550006");
        // the stub is an account whose number may send 200 segments a second, shared by the instances: the fault run
        // counts what is lost or doubled, not Twilio's rate, which would make its 1,333 SMS take 22 minutes
        // (SenderRatesOnBothDatabasesTest checks the rate)
        all.put("herald.channels.sms.rates.long-code", "200");
        all.put("herald.channels.push.url", push.url());
        all.put("herald.channels.push.secret", PushStub.SECRET);
        all.put("herald.public-base-url", "http://127.0.0.1:" + port);
        // DESIGN.md: the fault run switches the hold window, quiet hours and caps off, unless it measures them
        all.put("herald.notifications.hold", "0s");
        all.put("herald.quiet-hours.channels", "");
        all.put("herald.notifications.cap.per-shipment-per-day", "1000");
        all.put("herald.notifications.cap.per-customer-per-day", "1000");
        if (postgres != null) {
            all.put("spring.datasource.url", postgres.jdbcUrl());
            all.put("spring.datasource.username", "postgres");
            all.put("spring.datasource.password", "");
        }
        all.putAll(settings);
        HeraldProcess herald = new HeraldProcess(name, dir, port, all);
        heralds.add(herald);
        return herald;
    }

    /**
     * Waits until every Herald consumer group has read its topics to the end, twice in a row a second apart, so that
     * nothing is left in flight that could still be sent.
     */
    void awaitDrained(Duration timeout) {
        try (AdminClient admin = admin()) {
            Awaitility.await("Herald's consumers to read every topic to its end").atMost(timeout)
                    .pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
                    .until(() -> lag(admin) == 0 && lag(admin) == 0);
        }
    }

    /** Records not yet processed by Herald's consumer groups (those named herald*). */
    long lag(AdminClient admin) throws ExecutionException, InterruptedException {
        List<String> groups = admin.listConsumerGroups().all().get().stream().map(ConsumerGroupListing::groupId)
                .filter(group -> group.startsWith("herald")).toList();
        long lag = 0;
        for (String group : groups) {
            Map<TopicPartition, OffsetAndMetadata> committed =
                    admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
            Set<TopicPartition> partitions = new HashSet<>(committed.keySet());
            ConsumerGroupDescription description = admin.describeConsumerGroups(List.of(group)).all().get().get(group);
            description.members().forEach(member -> partitions.addAll(member.assignment().topicPartitions()));
            if (partitions.isEmpty()) {
                continue;
            }
            Map<TopicPartition, Long> ends = admin.listOffsets(partitions.stream()
                    .collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest()))).all().get().entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
            for (TopicPartition partition : partitions) {
                OffsetAndMetadata offset = committed.get(partition);
                lag += ends.get(partition) - (offset == null ? 0 : offset.offset());
            }
        }
        return lag;
    }

    AdminClient admin() {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "10000");
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        return AdminClient.create(props);
    }

    /**
     * The ledgers of every channel: email by address, SMS by number, push by customer id, each standing for the one
     * notification of that channel the customer's shipment makes.
     */
    List<FaultLedger> ledgers(FaultTraffic traffic) {
        return List.of(
                ledger("email", traffic, FaultTraffic::wantsEmail, traffic::email, smtp.deliveries().stream()
                        .filter(d -> d.recipient().endsWith("@faults.example")).toList()),
                ledger("sms", traffic, FaultTraffic::wantsSms, traffic::phone, twilio.deliveries()),
                ledger("push", traffic, FaultTraffic::wantsPush, traffic::customerId, push.deliveries()));
    }

    private static FaultLedger ledger(String channel, FaultTraffic traffic, IntPredicate wants,
                                      IntFunction<String> recipient, List<Delivery> deliveries) {
        Set<String> expected = new HashSet<>();
        for (int j = 0; j < traffic.orders(); j++) {
            if (wants.test(j)) {
                expected.add(recipient.apply(j));
            }
        }
        return FaultLedger.of(channel, expected, deliveries);
    }

    /** Every expected notification of {@code traffic} has reached its sink at least once. */
    boolean allDelivered(FaultTraffic traffic) {
        return ledgers(traffic).stream().allMatch(ledger -> ledger.missing() == 0);
    }

    Path dir() {
        return dir;
    }

    /**
     * What the running instances recorded for the orders of these recipients ({@code GET /api/v1/notifications}), and
     * how many dead letters their logs report: a failing test's message says where a missing notification stopped.
     */
    String recorded(FaultTraffic traffic, List<String> recipients) {
        List<String> lines = new ArrayList<>();
        for (String recipient : recipients) {
            for (int j = 0; j < traffic.orders(); j++) {
                if (recipient.equals(traffic.email(j)) || recipient.equals(traffic.phone(j))
                        || recipient.equals(traffic.customerId(j))) {
                    String orderId = traffic.orderId(j);
                    heralds.stream().filter(HeraldProcess::isAlive).findFirst().ifPresent(herald -> lines.add(
                            orderId + ": " + herald.get("/api/v1/notifications?orderId=" + orderId)));
                }
            }
        }
        lines.add("dead letters in the instances' logs: " + logLinesWith("Dead letter from"));
        return String.join("; ", lines);
    }

    /** How often the Herald instances took over a hand-off that a stopped instance left SENDING, from their logs. */
    long takeovers() {
        return logLinesWith("handed over again as the same message");
    }

    /** The lines of all the instances' logs that contain {@code text}. */
    private long logLinesWith(String text) {
        long count = 0;
        for (HeraldProcess herald : heralds) {
            try (Stream<String> lines = Files.lines(herald.log())) {
                count += lines.filter(line -> line.contains(text)).count();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return count;
    }

    /**
     * Sends every shipment of {@code traffic} at {@code rate} a second in the background, over HTTP to whichever
     * instance {@code baseUrl} names at the time, and on the WMS topic.
     */
    CompletableFuture<Void> sendShipments(FaultTraffic traffic, Supplier<String> baseUrl, int rate) {
        return CompletableFuture.runAsync(() -> {
            try {
                traffic.sendShipments(baseUrl, broker.bootstrapServers(), WMS_TOPIC, rate);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        });
    }

    /** Messages the sinks accepted so far, every channel. */
    int received() {
        return smtp.deliveries().size() + twilio.deliveries().size() + push.deliveries().size();
    }

    /**
     * Waits until every notification of {@code traffic} arrived (or {@code timeout} passed), then until Herald has
     * read every topic to its end, so that a late duplicate would be here too; then the ledgers of every channel.
     */
    List<FaultLedger> settle(FaultTraffic traffic, Duration timeout) {
        try {
            Awaitility.await("every notification of " + traffic.orders() + " shipments").atMost(timeout)
                    .pollInterval(Duration.ofMillis(500)).until(() -> allDelivered(traffic));
        } catch (ConditionTimeoutException e) {
            // the ledgers say what is missing
        }
        awaitDrained(timeout);
        return ledgers(traffic);
    }

    /**
     * Every attempt of the run that did not end SENT, and every other attempt for the same recipient, with its
     * timestamps and whether a sink received that very attempt (its Message-ID, Twilio callback id or push id). Once the run
     * has settled, none should be left: an attempt DECIDED that a sink holds would be a commit the run lost. Reads the
     * database directly, so the instances are stopped first (on H2 the file belongs to one process).
     */
    List<String> unsettledAttempts() {
        heralds.forEach(HeraldProcess::stop);
        String url = postgres != null ? postgres.jdbcUrl()
                : "jdbc:h2:file:" + dir.resolve("herald-a").resolve("db").resolve("herald") + ";AUTO_SERVER=FALSE";
        Set<String> received = new HashSet<>();
        smtp.deliveries().forEach(d -> received.add(d.id()));
        twilio.deliveries().forEach(d -> received.add(d.id()));
        push.deliveries().forEach(d -> received.add(d.id()));
        List<String> lines = new ArrayList<>();
        try (java.sql.Connection connection = java.sql.DriverManager.getConnection(url,
                postgres != null ? "postgres" : "herald", "");
             java.sql.PreparedStatement query = connection.prepareStatement("""
                     SELECT n.id, n.decision_id, n.channel, n.recipient, n.state, n.created_at, n.updated_at,
                            n.sent_at, n.provider_id
                     FROM notification n
                     WHERE n.recipient IN (SELECT u.recipient FROM notification u WHERE u.state <> 'SENT')
                     ORDER BY n.recipient, n.created_at""");
             java.sql.ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                String id = rows.getString("id");
                boolean inSink = received.stream().anyMatch(r -> r.contains(id));
                lines.add("   %s %s %s %s decision %s created %s updated %s sent %s provider %s; in the sink: %s"
                        .formatted(rows.getString("channel"), id, rows.getString("state"),
                                io.herald.channel.Masking.text(rows.getString("recipient")),
                                rows.getString("decision_id"), rows.getObject("created_at"),
                                rows.getObject("updated_at"), rows.getObject("sent_at"),
                                rows.getString("provider_id"), inSink ? "yes" : "no"));
            }
        } catch (java.sql.SQLException e) {
            lines.add("   (attempts not read: " + e.getMessage() + ")");
        }
        return lines;
    }

    @Override
    public void close() {
        heralds.forEach(HeraldProcess::kill);
        broker.stop();
        if (postgres != null) {
            postgres.stop();
        }
        push.stop();
        twilio.stop();
        smtp.stop();
    }

    /** An empty folder at {@code dir}: what an earlier run left there is deleted. */
    static Path cleanFolder(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> paths = Files.walk(dir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
        return Files.createDirectories(dir).toAbsolutePath();
    }
}
