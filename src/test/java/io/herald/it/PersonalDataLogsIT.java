package io.herald.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.AppenderBase;
import com.github.tomakehurst.wiremock.client.WireMock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.TestPropertySource;

/**
 * An order with an email address, a phone number and a customer's name, its shipment and its delivery, by email
 * (GreenMail) and SMS (WireMock for Twilio), with the root logger at DEBUG and the loggers that see recipients and
 * bodies at DEBUG too: the JDK's HTTP client (Twilio's), Apache HttpClient (whose wire and header logs are under it),
 * Jakarta Mail, Camel (mail, Kafka) and Spring, as an operator who turns on DEBUG for a library would. The few
 * loggers that write recipients and bodies by design stay at INFO by application.yaml, more specific than these. No log
 * line and no output names the customer, their address or their number. Its own Spring context (the log levels),
 * database and inbox, no legacy table, closed after the class.
 */
@TestPropertySource(properties = {
        "logging.level.root=DEBUG",
        "logging.level.io.herald=DEBUG",
        "logging.level.jdk.internal.httpclient=DEBUG",
        "logging.level.jdk.httpclient=DEBUG",
        "logging.level.org.apache.hc.client5=DEBUG",
        "logging.level.org.apache.http=DEBUG",
        "logging.level.jakarta.mail=DEBUG",
        "logging.level.com.sun.mail=DEBUG",
        "logging.level.org.eclipse.angus.mail=DEBUG",
        "logging.level.org.apache.camel=DEBUG",
        "logging.level.org.apache.camel.component.mail=DEBUG",
        "logging.level.org.apache.camel.component.kafka=DEBUG",
        "logging.level.org.springframework=DEBUG",
        // everything reaches the test's appender; the console shows INFO and up, so the build's output stays readable
        "logging.threshold.console=INFO",
        "spring.datasource.url=jdbc:h2:mem:herald-it-logs;DB_CLOSE_DELAY=-1"})
@OwnContext
@ExtendWith(OutputCaptureExtension.class)
class PersonalDataLogsIT extends HeraldIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    /** The test's stand-ins for the SMTP relay and Twilio log what they receive: they are not Herald. */
    private static final List<String> OUTSIDE_HERALD = List.of("com.icegreen.greenmail", "wiremock",
            "com.github.tomakehurst.wiremock", "org.eclipse.jetty");

    private static final String NAME = "Wilhelmina Quargelbauer";
    private static final String EMAIL = "wilhelmina.quargelbauer@example.com";
    private static final String PHONE = "+4915112347788";
    private static final String PHONE_NATIONAL = "015112347788";
    private static final String PHONE_DIGITS = "15112347788";
    /** A number Twilio refuses; its answer quotes the number, as Twilio's error 21211 does. */
    private static final String REFUSED_NAME = "Ottokar Zwiebelgrund";
    private static final String REFUSED_EMAIL = "ottokar.zwiebelgrund@example.com";
    private static final String REFUSED_PHONE = "+4915112349911";

    private final Recorder log = new Recorder();

    /** Keeps every event of every thread; Logback calls it from the application's threads while the test reads. */
    private static final class Recorder extends AppenderBase<ILoggingEvent> {

        private final Queue<ILoggingEvent> events = new ConcurrentLinkedQueue<>();

        @Override
        protected void append(ILoggingEvent event) {
            event.prepareForDeferredProcessing();
            events.add(event);
        }

        List<ILoggingEvent> events() {
            return List.copyOf(events);
        }
    }

    @BeforeEach
    void captureEveryLogEventAndTwilioAcceptsMessages() {
        log.start();
        root().addAppender(log);
        TWILIO.stubFor(WireMock.post(urlEqualTo(MESSAGES_PATH)).atPriority(10).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json")
                .withBody(NotificationJourneyIT.twilioMessage("SM" + "c".repeat(32)))));
    }

    @AfterEach
    void stopCapturing() {
        root().detachAppender(log);
        log.stop();
    }

    /** The other test classes share one context, started at INFO: give the JVM's logging back to them. */
    @AfterAll
    static void restoreLevels() {
        LoggingSystem logging = LoggingSystem.get(PersonalDataLogsIT.class.getClassLoader());
        logging.setLogLevel(LoggingSystem.ROOT_LOGGER_NAME, LogLevel.INFO);
        for (String name : List.of("io.herald", "jdk.internal.httpclient", "jdk.httpclient", "org.apache.hc.client5", "org.apache.http",
                "jakarta.mail", "com.sun.mail", "org.eclipse.angus.mail", "org.apache.camel",
                "org.apache.camel.component.mail", "org.springframework")) {
            logging.setLogLevel(name, null);
        }
        logging.setLogLevel("org.apache.camel.component.kafka", LogLevel.WARN);
    }

    @Test
    void noPersonalDataInLogsAtDebug(CapturedOutput output) {
        String orderId = "SO-LOGS-1";
        String trackingNumber = trackingNumber("LOGS");
        assertThat(root().isDebugEnabled()).as("the journey runs with the root logger at DEBUG").isTrue();
        assertThat(LoggerFactory.getLogger("org.apache.hc.client5.http.impl.classic.InternalHttpClient")
                .isDebugEnabled()).as("the HTTP client logs at DEBUG").isTrue();

        assertThat(post("/api/v1/intake/oms", order(orderId, NAME, EMAIL, PHONE)).statusCode()).isEqualTo(202);
        await().atMost(WAIT).until(() -> mailsTo(EMAIL).size() == 1 && NotificationJourneyIT.smsTo(PHONE).size() == 1);
        publishWms(trackingNumber, SamplePayloads.wmsShipped(orderId, trackingNumber, 120));
        await().atMost(WAIT).until(() -> mailsTo(EMAIL).size() == 2 && NotificationJourneyIT.smsTo(PHONE).size() == 2);
        assertThat(post("/api/v1/intake/easypost",
                SamplePayloads.easypostTrackerUpdated(trackingNumber, "delivered", 5)).statusCode()).isEqualTo(202);
        await().atMost(WAIT).until(() -> mailsTo(EMAIL).size() == 3 && NotificationJourneyIT.smsTo(PHONE).size() == 3);

        assertNoneLogged(output, trackingNumber, NAME, "Quargelbauer", EMAIL, "wilhelmina.quargelbauer", PHONE,
                PHONE_NATIONAL, PHONE_DIGITS);
    }

    @Test
    void smsRefusedByTwilioLogsNoNumberAtDebug(CapturedOutput output) {
        TWILIO.stubFor(WireMock.post(urlEqualTo(MESSAGES_PATH)).atPriority(1)
                .withRequestBody(containing("To=%2B" + REFUSED_PHONE.substring(1)))
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json").withBody("""
                        {"code": 21211, "message": "The 'To' number %s is not a valid phone number.",
                         "more_info": "https://www.twilio.com/docs/errors/21211", "status": 400}
                        """.formatted(REFUSED_PHONE))));
        String orderId = "SO-LOGS-2";
        assertThat(post("/api/v1/intake/oms", order(orderId, REFUSED_NAME, REFUSED_EMAIL, REFUSED_PHONE))
                .statusCode()).isEqualTo(202);
        await().atMost(WAIT).until(() -> mailsTo(REFUSED_EMAIL).size() == 1 && jdbc.queryForObject(
                "SELECT COUNT(*) FROM notification WHERE order_id = ? AND channel = 'sms' AND state = 'FAILED'",
                Integer.class, orderId) == 1);

        assertNoneLogged(output, orderId, REFUSED_NAME, "Zwiebelgrund", REFUSED_EMAIL, "ottokar.zwiebelgrund",
                REFUSED_PHONE, "0" + REFUSED_PHONE.substring(3), REFUSED_PHONE.substring(3));
    }

    /**
     * A library's line that quotes an address and a number, as Camel's "Failed delivery ... caught:" quotes an SMTP
     * relay's reply, reaches the console masked, whichever path logged it (MaskedLogs, on Spring Boot's appenders).
     */
    @Test
    void aLibrarysLineQuotingAnAddressOrNumberIsMaskedOnTheConsole(CapturedOutput output) {
        String reply = "550 5.1.1 <" + EMAIL + ">: Recipient address rejected; then SMS to " + PHONE;
        LoggerFactory.getLogger("org.apache.camel.processor.errorhandler.DeadLetterChannel").warn(
                "Failed delivery for (MessageId: LOGS-3). Exhausted after delivery attempt: 1 caught: " + reply,
                new IllegalStateException(reply));

        assertThat(output.getAll()).contains("caught: 550 5.1.1 <w***@example.com>: Recipient address rejected; "
                + "then SMS to +49*********88", "IllegalStateException: 550 5.1.1 <w***@example.com>")
                .doesNotContain(EMAIL, "wilhelmina.quargelbauer", PHONE, PHONE_DIGITS);
    }

    /** No log line of Herald's and no output names any of {@code personal}; {@code subject} shows it was logged. */
    private void assertNoneLogged(CapturedOutput output, String subject, String... personal) {
        List<String> lines = log.events().stream()
                .filter(event -> OUTSIDE_HERALD.stream().noneMatch(event.getLoggerName()::startsWith))
                .map(PersonalDataLogsIT::line).toList();
        assertThat(lines).as("the test's own order or shipment was logged at DEBUG")
                .anyMatch(line -> line.startsWith("DEBUG") && line.contains(subject));
        assertThat(lines).as("log lines naming the customer, their address or their number")
                .filteredOn(line -> Arrays.stream(personal).anyMatch(line::contains)).isEmpty();
        assertThat(output.getAll().lines().filter(line -> Arrays.stream(personal).anyMatch(line::contains)))
                .as("console and standard output naming the customer").isEmpty();
    }

    private static String order(String orderId, String name, String email, String phone) {
        return """
                {"eventId": "evt-%1$s", "eventType": "order.created", "occurredAt": "%2$s",
                 "order": {"id": "%1$s", "status": "pending", "currency": "EUR", "total": 17.80,
                           "items": [{"sku": "TEA-9", "name": "Tea tin", "quantity": 1}]},
                 "customer": {"id": "C-%1$s", "name": "%3$s", "email": "%4$s", "phone": "%5$s",
                              "locale": "de", "timezone": "Europe/Berlin", "notify": "both"}}
                """.formatted(orderId, SamplePayloads.at(240), name, email, phone);
    }

    private static String line(ILoggingEvent event) {
        String thrown = event.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(event.getThrowableProxy());
        Map<String, String> mdc = event.getMDCPropertyMap();
        return event.getLevel() + " " + event.getLoggerName() + " " + event.getFormattedMessage() + " " + mdc + thrown;
    }

    private static Logger root() {
        return ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }
}
