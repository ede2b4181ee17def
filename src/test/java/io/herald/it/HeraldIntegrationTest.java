package io.herald.it;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.herald.sms.TwilioSignatures;
import jakarta.mail.Address;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.camel.CamelContext;
import org.apache.camel.api.management.ManagedCamelContext;
import org.apache.camel.api.management.mbean.ManagedRouteMBean;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.apache.camel.test.spring.junit5.DisableJmx;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole application on real parts: spring-kafka-test's embedded KRaft broker, GreenMail as the SMTP server,
 * WireMock standing in for Twilio's HTTP API, and H2. Every test class extending this one shares one Spring context
 * and these servers, so tests use their own order ids, tracking numbers and recipients.
 */
@CamelSpringBootTest
@DisableJmx(false)
@AutoConfigureObservability(tracing = false)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "herald.kafka.embedded.enabled=false",
        "herald.mail.local-sink.enabled=false",
        // the tests' GreenMail logs each recipient it makes a mailbox for, at INFO; the output has no address in it
        // (PersonalDataLogsIT)
        "logging.level.com.icegreen.greenmail=WARN",
        // a lock wait gives up after 0.5 s rather than H2's default 2 s: the tests that hold a row's lock past the
        // retries (KafkaBatchesIT) wait out seven of them, and Herald's transactions here last milliseconds
        "spring.datasource.url=jdbc:h2:mem:herald-it;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=500",
        "herald.data-dir=target/it-data",
        "herald.retry.maximum-redeliveries=6",
        "herald.retry.redelivery-delay=200",
        "herald.retry.maximum-redelivery-delay=2000",
        "herald.channels.retry.maximum-redeliveries=6",
        "herald.channels.retry.redelivery-delay=200",
        "herald.channels.retry.maximum-redelivery-delay=2000",
        "herald.channels.sms.uri=" + io.herald.channel.twilio.TwilioMessages.CHANNEL_URI,
        "herald.channels.sms.twilio.account-sid=" + HeraldIntegrationTest.ACCOUNT_SID,
        "herald.channels.sms.twilio.auth-token=" + HeraldIntegrationTest.TWILIO_AUTH_TOKEN,
        // the public address Twilio calls, which its signatures cover (SmsConversationIT)
        "herald.public-base-url=" + HeraldIntegrationTest.PUBLIC_BASE_URL,
        "herald.notifications.sms-from=+15005550006",
        // the tests' Twilio account's number sends 100 segments a second, so no test waits for a long code's one
        // (SenderRatesOnBothDatabasesTest checks the rates themselves)
        "herald.channels.sms.rates.long-code=100",
        "herald.notifications.status-callback-url=https://herald.example.com/api/v1/twilio/status",
        "herald.notifications.email-from=Shop <shop@example.com>",
        // the push channel posts to PUSH (WireMock standing in for the retailer's app backend); its deep links
        // open the tracking page under the public base URL
        "herald.channels.push.secret=" + HeraldIntegrationTest.PUSH_SECRET,
        "herald.mappings-location=file:" + HeraldIntegrationTest.MAPPINGS_COPY + "/",
        "herald.sources.crm.secret=crm-api-key-7",
        // Mailgun's event webhook (FeedbackIT); the bounce mailbox is BOUNCES, below
        "herald.channels.email.mailgun.signing-key=" + HeraldIntegrationTest.MAILGUN_SIGNING_KEY,
        // a source that exists only in the tests, added with files alone (AddedSourceIT): its settings file is read
        // from the folder of source settings, as docs/adding-a-source.md says
        "herald.source-settings-location=file:" + HeraldIntegrationTest.SOURCE_SETTINGS + "/",
        // the ITs refuse many payloads on purpose; SourceHealthTest covers when a source reads DEGRADED
        "herald.health.source-min-payloads=1000000",
        // and the providers' outages on purpose; DeliveriesTest covers when a channel reads DEGRADED
        "herald.health.channel-failures=1000000",
        // carrier polling against CARRIERS (WireMock), for CarrierPollingIT alone: its timer route does not start
        // here, CarrierPollingIT starts and stops it. Then a fast timer, every status polled each second, except
        // unknown numbers (other tests' shipments, which CARRIERS does not know) every 30 s
        "herald.polling.auto-startup=false",
        "herald.polling.period=200",
        "herald.polling.initial-delay=100",
        "herald.polling.schedule.out-for-delivery=1s",
        "herald.polling.schedule.near-delivery=1s",
        "herald.polling.schedule.in-transit=1s",
        "herald.polling.schedule.info-received=1s",
        "herald.polling.schedule.not-found=30s",
        "herald.polling.retry.maximum-redeliveries=1",
        "herald.polling.retry.redelivery-delay=100",
        "herald.polling.carriers.ups.enabled=true",
        "herald.polling.carriers.ups.client-id=it-ups-client",
        "herald.polling.carriers.ups.client-secret=it-ups-secret",
        "herald.polling.carriers.fedex.enabled=true",
        "herald.polling.carriers.fedex.client-id=it-fedex-client",
        "herald.polling.carriers.fedex.client-secret=it-fedex-secret",
        "herald.polling.carriers.usps.enabled=true",
        "herald.polling.carriers.usps.client-id=it-usps-client",
        "herald.polling.carriers.usps.client-secret=it-usps-secret",
        "herald.polling.carriers.dhl.enabled=true",
        "herald.polling.carriers.dhl.api-key=it-dhl-key",
        "herald.inbox.root=" + HeraldIntegrationTest.INBOX,
        "herald.inbox.delay=200",
        "herald.inbox.read-lock-check-interval=250",
        "herald.kafka.sources-metadata-max-age-ms=500",
        "herald.legacy.enabled=true",
        "herald.legacy.url=" + HeraldIntegrationTest.LEGACY_URL,
        "herald.legacy.delay=200",
        "herald.sources.erp-orders.zone=Europe/Berlin",
        // the decide policies that wait (hold, quiet hours) are tested in DecideIT, on a clock the test moves
        "herald.notifications.hold=0s",
        "herald.quiet-hours.channels=",
        "herald.notifications.release-period=200",
        // the retention purge runs only in RetentionPurgeIT, which starts and stops its route; then every half second
        // the test's broker has Herald's own topics already, with 2 partitions (@EmbeddedKafka below)
        "herald.kafka.own-topics.partitions=2",
        "herald.retention.auto-startup=false",
        "herald.retention.initial-delay=100",
        "herald.retention.period=500"})
@EmbeddedKafka(kraft = true, partitions = 2, bootstrapServersProperty = "herald.kafka.bootstrap-servers",
        topics = {"herald.events", "herald.dlq", "herald.outbound.email", "herald.outbound.sms", "herald.outbound.push",
                "herald.in.wms.shipments"})
public abstract class HeraldIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    protected static final String ACCOUNT_SID = "AC00000000000000000000000000000001";
    protected static final String TWILIO_AUTH_TOKEN = "test-auth-token";
    protected static final String PUBLIC_BASE_URL = "https://herald.example.com";

    /** The push channel's signing secret, which the app backend (PUSH) shares. */
    protected static final String PUSH_SECRET = "it-push-secret";
    /** Where the push channel posts, on PUSH. */
    protected static final String PUSH_PATH = "/herald/push";

    /** The carrier polling timer route, which only CarrierPollingIT runs. */
    protected static final String POLL_ROUTE = "carrier-tracking-poll";

    /** The retention purge's timer route, which only RetentionPurgeIT runs. */
    protected static final String RETENTION_ROUTE = "retention-purge";

    /**
     * The tests read mappings from a copy of mappings/, so one test can break and mend a mapping on disk. One copy
     * and one set of properties for every test class keeps a single Spring context, and with it a single broker.
     */
    protected static final String MAPPINGS_COPY = "target/it-mappings";

    /** The folder of source settings files, {@code <source>.yaml}; AddedSourceIT's source has its file there. */
    protected static final String SOURCE_SETTINGS = "target/it-config/sources";

    /** The file drop's inbox: one folder per source. */
    protected static final String INBOX = "target/it-inbox";

    /** The legacy ERP's database: H2 in memory, with the example table of docs/sources/erp-orders.md. */
    protected static final String LEGACY_URL = "jdbc:h2:mem:legacy-it;DB_CLOSE_DELAY=-1";

    static {
        copyMappings();
        copySourceSettings();
        createLegacyTable();
    }
    protected static final String MESSAGES_PATH = "/2010-04-01/Accounts/" + ACCOUNT_SID + "/Messages.json";

    /** Mailgun's webhook signing key of the tests (FeedbackIT). */
    protected static final String MAILGUN_SIGNING_KEY = "it-mailgun-signing-key";

    /** The bounce mailbox's login: GreenMail's IMAP, which route email-bounces-read reads (FeedbackIT). */
    protected static final String BOUNCE_LOGIN = "bounces";
    private static final String BOUNCE_PASSWORD = "bounce-box-7";
    protected static final GreenMail BOUNCES = startBounceMailbox();

    /** Stopped and started again by tests, so below the ephemeral ports (TestPorts). */
    protected static final int SMTP_PORT = io.herald.TestPorts.reusable();
    protected static GreenMail smtp = startSmtp();
    protected static final WireMockServer TWILIO = startWireMock();
    /** The carriers' tracking APIs, each under its own path prefix: /ups, /fedex, /usps, /dhl. */
    protected static final WireMockServer CARRIERS = startWireMock();
    /** The retailer's app backend, which takes the push channel's signed POSTs. */
    protected static final WireMockServer PUSH = startWireMock();

    @LocalServerPort
    protected int port;

    /**
     * Each test class starts with WireMock servers that know nothing: no stubs, no scenario states and no requests
     * of an earlier class. A class stubs what it needs itself, and the requests it counts are its own.
     */
    @BeforeAll
    static void forgetEarlierClassesStubsAndRequests() {
        TWILIO.resetAll();
        CARRIERS.resetAll();
        PUSH.resetAll();
    }

    /**
     * Each test starts with the SMTP server up: a test that stopped it and could not start it again fails by itself,
     * instead of leaving every later email test of the JVM without a relay.
     */
    @BeforeEach
    void smtpServerUp() {
        if (!smtp.isRunning()) {
            restartSmtp();
        }
    }

    @Value("${herald.kafka.bootstrap-servers}")
    protected String bootstrapServers;

    @Autowired
    protected JdbcTemplate jdbc;

    @Autowired
    protected CamelContext camel;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        registry.add("herald.channels.email.uri", () -> "smtp://127.0.0.1:" + SMTP_PORT + "?connectionTimeout=2000");
        registry.add("herald.channels.sms.twilio.base-url", TWILIO::baseUrl);
        registry.add("herald.channels.push.url", () -> PUSH.baseUrl() + PUSH_PATH);
        registry.add("herald.channels.email.bounces.uri", () -> "imap://127.0.0.1:" + BOUNCES.getImap().getPort()
                + "?username=" + BOUNCE_LOGIN + "&password=" + BOUNCE_PASSWORD + "&delay=250&delete=true");
        for (String carrier : List.of("ups", "fedex", "usps", "dhl")) {
            registry.add("herald.polling.carriers." + carrier + ".base-url", () -> CARRIERS.baseUrl() + "/" + carrier);
        }
    }

    private static void copyMappings() {
        try {
            java.nio.file.Path copy = java.nio.file.Path.of(MAPPINGS_COPY);
            java.nio.file.Files.createDirectories(copy);
            try (var files = java.nio.file.Files.list(java.nio.file.Path.of("mappings"))) {
                for (java.nio.file.Path file : files.toList()) {
                    java.nio.file.Files.copy(file, copy.resolve(file.getFileName()),
                            java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void copySourceSettings() {
        try (InputStream settings = HeraldIntegrationTest.class.getResourceAsStream("/added-source/acme-parcel.yaml")) {
            java.nio.file.Path folder = java.nio.file.Files.createDirectories(java.nio.file.Path.of(SOURCE_SETTINGS));
            java.nio.file.Files.write(folder.resolve("acme-parcel.yaml"), settings.readAllBytes());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void createLegacyTable() {
        try (var in = HeraldIntegrationTest.class.getResourceAsStream("/legacy/legacy_order_status.sql");
             var connection = java.sql.DriverManager.getConnection(LEGACY_URL);
             var statement = connection.createStatement()) {
            statement.execute(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
        } catch (IOException | java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static GreenMail startSmtp() {
        return started(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    }

    private static GreenMail startBounceMailbox() {
        GreenMail mail = started(new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_IMAP));
        mail.setUser("bounces@shop.example", BOUNCE_LOGIN, BOUNCE_PASSWORD);
        return mail;
    }

    /**
     * A GreenMail server, given ten seconds to start rather than its two: a CI run saw the SMTP server's restart fail
     * within two, and a server that did not start leaves every later test of the JVM without it.
     */
    private static GreenMail started(ServerSetup setup) {
        setup.setServerStartupTimeout(10_000);
        GreenMail mail = new GreenMail(setup);
        try {
            mail.start();
        } catch (IllegalStateException notStarted) {
            mail.stop();
            throw notStarted;
        }
        return mail;
    }

    /** Stops the SMTP server, as an outage of the relay would. */
    protected static void stopSmtp() {
        smtp.stop();
    }

    /** Starts a fresh SMTP server on the same port, trying again for up to a minute while it does not start. */
    protected static void restartSmtp() {
        smtp = await("the SMTP server started again").atMost(Duration.ofMinutes(1)).ignoreExceptions()
                .until(HeraldIntegrationTest::startSmtp, started -> true);
    }

    /** A WireMock server on a free local port. */
    private static WireMockServer startWireMock() {
        WireMockServer server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        return server;
    }

    protected HttpResponse<String> post(String path, String json, String... headers) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json));
            if (headers.length > 0) {
                request.headers(headers);
            }
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    protected HttpResponse<String> get(String path) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build();
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    protected HttpResponse<String> delete(String path) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).DELETE()
                    .build();
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An SMS from {@code from} to Herald's number, posted and signed as Twilio's inbound webhook does. */
    protected HttpResponse<String> inboundSms(String from, String body) {
        String path = "/api/v1/sms/inbound";
        Map<String, String> params = new LinkedHashMap<>();
        params.put("MessageSid", "SM" + UUID.randomUUID().toString().replace("-", ""));
        params.put("AccountSid", ACCOUNT_SID);
        params.put("From", from);
        params.put("To", "+15005550006");
        params.put("Body", body);
        params.put("NumMedia", "0");
        String form = params.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Twilio-Signature", new TwilioSignatures(TWILIO_AUTH_TOKEN).sign(PUBLIC_BASE_URL + path,
                        params))
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Publishes a record as the WMS does, on the WMS feed topic. */
    protected void publishWms(String key, String json) {
        publish("herald.in.wms.shipments", key, json);
    }

    /** Publishes a record on a topic, as a source writing to Kafka does, once the broker acknowledged it. */
    protected void publish(String topic, String key, String value) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Creates topics as a source's operators would; one that exists already is fine. */
    protected void createTopics(String... topics) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (AdminClient admin = AdminClient.create(props)) {
            for (String topic : topics) {
                try {
                    admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException(e);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** How many members a consumer group has now. */
    protected int membersOf(String group) throws Exception {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (AdminClient admin = AdminClient.create(props)) {
            return admin.describeConsumerGroups(List.of(group)).describedGroups().get(group).get().members().size();
        }
    }

    /** The offset a consumer group committed on partition 0 of a topic; null when it committed none. */
    protected Long committedOffset(String group, String topic) throws Exception {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (AdminClient admin = AdminClient.create(props)) {
            OffsetAndMetadata offset = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get()
                    .get(new TopicPartition(topic, 0));
            return offset == null ? null : offset.offset();
        }
    }

    /** The mails the SMTP server received for one recipient, in order of arrival. */
    protected static List<MimeMessage> mailsTo(String recipient) {
        return Arrays.stream(smtp.getReceivedMessages()).filter(m -> isFor(m, recipient)).toList();
    }

    private static boolean isFor(MimeMessage message, String recipient) {
        try {
            Address[] to = message.getAllRecipients();
            return to != null && Arrays.stream(to).anyMatch(a -> a.toString().contains(recipient));
        } catch (jakarta.mail.MessagingException e) {
            return false;
        }
    }

    /**
     * The intake failures whose payload contains a marker of the test's own (an order id, a run id), oldest first:
     * ID, SOURCE, REASON_CODE and PAYLOAD as text. Never another test's failures.
     */
    protected List<Map<String, Object>> intakeFailuresWith(String marker) {
        return jdbc.queryForList("SELECT id, source, reason_code, payload FROM intake_failure ORDER BY id").stream()
                .map(row -> {
                    Map<String, Object> failure = new java.util.LinkedHashMap<>(row);
                    failure.put("PAYLOAD", new String((byte[]) row.get("PAYLOAD"),
                            java.nio.charset.StandardCharsets.UTF_8));
                    return failure;
                })
                .filter(failure -> ((String) failure.get("PAYLOAD")).contains(marker))
                .toList();
    }

    /**
     * Done when the decide route has finished {@code count} events of one subject (a tracking number, an order id),
     * told by the Kafka key the event came with, and their batches have committed: other tests' events and carrier
     * polls never count.
     */
    protected DecidedRecords decidedFor(String subject, int count) {
        return DecidedRecords.start(camel, subject, count);
    }

    /** The subjects of the mails one recipient got, in order of arrival. */
    protected static List<String> subjectsTo(String recipient) {
        return mailsTo(recipient).stream().map(m -> {
            try {
                return m.getSubject();
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    /** The decisions taken on one shipment, in the order they were taken. */
    protected List<Map<String, Object>> decisionsOf(String trackingNumber) {
        return jdbc.queryForList("SELECT type, state, reason FROM decision WHERE tracking_number = ? "
                + "ORDER BY created_at, seq", trackingNumber);
    }

    private static final java.util.concurrent.atomic.AtomicInteger TRACKING_NUMBERS =
            new java.util.concurrent.atomic.AtomicInteger();

    /** A UPS number of the test's own, tagged, with a right check digit (sources that check them strictly). */
    protected static String trackingNumber(String tag) {
        return io.herald.UpsTrackingNumbers.of(String.format("%-9s", tag).replace(' ', 'X').substring(0, 9)
                + String.format("%06d", TRACKING_NUMBERS.incrementAndGet()));
    }

    /** The notifications of an order, as the API lists them. */
    protected List<Map<String, Object>> notificationsOf(String orderId) {
        return jdbc.queryForList("SELECT type, channel, state, recipient, subject, body_text, provider_id FROM notification "
                + "WHERE order_id = ? ORDER BY created_at", orderId);
    }

    /** The state of an order's first notification; null while it has none. */
    protected Object firstNotificationState(String orderId) {
        return notificationsOf(orderId).stream().findFirst().map(n -> n.get("STATE")).orElse(null);
    }

    /** An order id whose events go to the same partition of herald.events as this order's (Kafka's key hash). */
    protected String orderOnTheSamePartitionAs(String orderId) {
        int partitions;
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerProperties())) {
            partitions = consumer.partitionsFor("herald.events").size();
        }
        int target = partitionOf("order:" + orderId, partitions);
        for (int i = 0; ; i++) {
            String candidate = orderId + "-R" + i;
            if (partitionOf("order:" + candidate, partitions) == target) {
                return candidate;
            }
        }
    }

    protected static int partitionOf(String key, int partitions) {
        return org.apache.kafka.common.utils.Utils.toPositive(
                org.apache.kafka.common.utils.Utils.murmur2(key.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                % partitions;
    }

    /** The records on herald.dlq, from its beginning, whose value mentions {@code marker}. */
    protected List<String> dlqRecordsMentioning(String marker) {
        return recordsMentioning("herald.dlq", marker);
    }

    /** The records on a topic, from its beginning, whose value mentions {@code marker}. */
    protected List<String> recordsMentioning(String topic, String marker) {
        List<String> found = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerProperties())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.value() != null && record.value().contains(marker)) {
                        found.add(record.value());
                    }
                }
            }
        }
        return found;
    }

    /** A consumer of strings on the test's broker, with no group: it is assigned its partitions. */
    protected Properties consumerProperties() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        return props;
    }

    /** Posts the OMS payloads while events-consume is stopped, so that they are one batch when it starts again. */
    protected void postWhileEventsWait(String... payloads) throws Exception {
        camel.getRouteController().stopRoute("events-consume");
        try {
            for (String payload : payloads) {
                assertThat(post("/api/v1/intake/oms", payload).statusCode()).isEqualTo(202);
            }
        } finally {
            camel.getRouteController().startRoute("events-consume");
        }
    }

    /** Posts an order (customer {@code C-<orderId>}, told by email) and waits until the decide stage stored it. */
    protected void placeOrder(String orderId, String email, String phone) {
        assertThat(post("/api/v1/intake/oms", SamplePayloads.omsOrder(orderId, "C-" + orderId, email, phone, "en",
                "email", 20)).statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.queryForObject(
                "SELECT COUNT(*) FROM customer_order WHERE order_id = ?", Integer.class, orderId) == 1);
    }

    /**
     * Posts two orders while events-consume is stopped, so that the next batch reads them together (the later one on
     * the raced one's partition), and records the raced order's event fingerprint in {@code other}'s open
     * transaction, as a consumer deciding the same record across a rebalance would. events-consume runs again after.
     */
    protected void raceFingerprintOf(Connection other, String racedId, String laterId, String email, String phone,
                                     String laterPhone) throws Exception {
        other.setAutoCommit(false);
        camel.getRouteController().stopRoute("events-consume");
        try {
            assertThat(post("/api/v1/intake/oms", SamplePayloads.omsOrder(racedId, "C-" + racedId, email, phone,
                    "en", "email", 20)).statusCode()).isEqualTo(202);
            assertThat(post("/api/v1/intake/oms", SamplePayloads.omsOrder(laterId, "C-" + laterId, "later." + email,
                    laterPhone, "en", "email", 20)).statusCode()).isEqualTo(202);
            String fingerprint = JSON
                    .readTree(recordsMentioning("herald.events", racedId).get(0)).path("fingerprint").asText();
            try (PreparedStatement insert = other.prepareStatement("INSERT INTO camel_messageprocessed "
                    + "(processorName, messageId, createdAt) VALUES ('herald-events', ?, CURRENT_TIMESTAMP)")) {
                insert.setString(1, fingerprint);
                insert.executeUpdate();
            }
        } finally {
            camel.getRouteController().startRoute("events-consume");
        }
    }

    /** Takes the order's row for the holder's open transaction, as another writer would. */
    protected static void lockOrder(Connection holder, String orderId) throws Exception {
        holder.setAutoCommit(false);
        try (PreparedStatement lock = holder.prepareStatement(
                "SELECT order_id FROM customer_order WHERE order_id = ? FOR UPDATE")) {
            lock.setString(1, orderId);
            lock.executeQuery().close();
        }
    }

    protected ManagedRouteMBean managedRoute(String routeId) {
        return camel.getCamelContextExtension().getContextPlugin(ManagedCamelContext.class).getManagedRoute(routeId);
    }
}
