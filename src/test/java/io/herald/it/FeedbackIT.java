package io.herald.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.herald.it.DecidePayloads.minutesAgo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.client.WireMock;
import io.herald.it.DecidePayloads.Scan;
import io.herald.sms.TwilioSignatures;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/**
 * Delivery feedback on the whole application (docs/feedback.md): Twilio's status callbacks, signed, moving an SMS
 * attempt forward only; a critical SMS that Twilio reports undelivered falling back to email; a hard bounce, from the
 * IMAP bounce mailbox or from Mailgun's webhook, suppressing the address for what comes next. Each test has its own
 * orders, phone numbers and addresses.
 */
class FeedbackIT extends HeraldIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    @Autowired
    private TwilioSignatures signatures;

    @Value("${herald.public-base-url}")
    private String publicBaseUrl;

    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void twilioAcceptsMessages() {
        TWILIO.stubFor(WireMock.post(urlEqualTo(MESSAGES_PATH)).atPriority(10).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json")
                .withBody(NotificationJourneyIT.twilioMessage("SM" + "f".repeat(32)))));
    }

    @Test
    void forgedTwilioSignatureRefused() {
        String orderId = "SO-FB-FORGED-" + SEQUENCE.incrementAndGet();
        String phone = phone();
        smsOnlyOrder(orderId, phone);
        String id = sentSms(orderId);
        Map<String, String> form = callback("undelivered", "30003");

        HttpResponse<String> forged = postForm("/api/v1/sms/status?n=" + id, form,
                signatures.sign(publicBaseUrl + "/api/v1/sms/status?n=" + id, callback("delivered", null)));
        HttpResponse<String> unsigned = postForm("/api/v1/sms/status?n=" + id, form, null);

        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(forged.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/problem+json"));
        assertThat(unsigned.statusCode()).isEqualTo(403);
        assertThat(stateOf(id)).isEqualTo("SENT");
    }

    @Test
    void deliveredCallbackNeverOverwrittenByLateSent() {
        String orderId = "SO-FB-LATE-" + SEQUENCE.incrementAndGet();
        String phone = phone();
        smsOnlyOrder(orderId, phone);
        String id = sentSms(orderId);
        assertThat(NotificationJourneyIT.smsTo(phone)).singleElement().satisfies(request ->
                assertThat(request.get("StatusCallback")).as("every SMS asks for its status").endsWith("?n=" + id));

        assertThat(statusCallback(id, "delivered", null).statusCode()).isEqualTo(204);
        assertThat(stateOf(id)).isEqualTo("DELIVERED");
        assertThat(statusCallback(id, "sent", null).statusCode()).isEqualTo(204);
        assertThat(statusCallback(id, "undelivered", "30003").statusCode()).isEqualTo(204);

        assertThat(stateOf(id)).isEqualTo("DELIVERED");
    }

    /**
     * Behind a Messaging Service Twilio may take the SMS and then report it failed with 21610: the recipient had sent
     * STOP where Herald did not hear it. The number is recorded as stopped, once: the same report again, after the
     * customer sent START, does not stop it again.
     */
    @Test
    void failedCallbackForAnUnsubscribedRecipientRecordsTheNumbersStopOnce() {
        String orderId = "SO-FB-STOP-" + SEQUENCE.incrementAndGet();
        String phone = phone();
        smsOnlyOrder(orderId, phone);
        String id = sentSms(orderId);

        assertThat(statusCallback(id, "failed", "21610").statusCode()).isEqualTo(204);

        assertThat(stateOf(id)).isEqualTo("FAILED");
        assertThat(jdbc.queryForList("SELECT source FROM sms_opt_out WHERE phone = ? AND opted_in_at IS NULL",
                String.class, phone)).containsExactly("twilio-21610");
        jdbc.update("UPDATE sms_opt_out SET opted_in_at = CURRENT_TIMESTAMP WHERE phone = ?", phone);
        assertThat(statusCallback(id, "failed", "21610").statusCode()).isEqualTo(204);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM sms_opt_out WHERE phone = ? AND opted_in_at IS NULL",
                Integer.class, phone)).as("a report that moved nothing stops nobody").isZero();
    }

    /** A handset switched off (30003) says nothing lasting about the number: neither a STOP nor a suppression. */
    @Test
    void aFailedCallbackForAHandsetOffStopsNothing() {
        String orderId = "SO-FB-NOSTOP-" + SEQUENCE.incrementAndGet();
        String phone = phone();
        smsOnlyOrder(orderId, phone);
        String id = sentSms(orderId);

        assertThat(statusCallback(id, "failed", "30003").statusCode()).isEqualTo(204);

        assertThat(stateOf(id)).isEqualTo("FAILED");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM sms_opt_out WHERE phone = ?", Integer.class, phone))
                .isZero();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM sms_suppression WHERE phone = ?", Integer.class, phone))
                .isZero();
    }

    /**
     * Twilio reports an SMS failed with 30005: the number is unknown or no longer in service. It goes on the SMS
     * suppression list, and the customer's next SMS is not tried; an SMS from the number takes it off again.
     */
    @Test
    void aNumberOutOfServiceIsNotTriedAgainUntilItTexts() {
        String orderId = "SO-FB-GONE-" + SEQUENCE.incrementAndGet();
        String phone = phone();
        smsOnlyOrder(orderId, phone);
        String id = sentSms(orderId);

        assertThat(statusCallback(id, "failed", "30005").statusCode()).isEqualTo(204);

        assertThat(stateOf(id)).isEqualTo("FAILED");
        assertThat(jdbc.queryForList("SELECT error_code FROM sms_suppression WHERE phone = ?", Integer.class, phone))
                .containsExactly(30005);
        assertThat(get("/api/v1/kpis?from=" + java.time.Instant.now().minus(Duration.ofHours(1)) + "&to="
                + java.time.Instant.now().plus(Duration.ofHours(1))).body()).contains("\"smsFeedback\":{\"refusals\":");
        smsOnlyOrder(orderId + "-B", phone);
        await().atMost(WAIT).until(() -> "SUPPRESSED".equals(jdbc.queryForList("SELECT state FROM decision WHERE "
                + "order_id = ?", String.class, orderId + "-B").stream().findFirst().orElse(null)));
        assertThat(jdbc.queryForObject("SELECT reason FROM decision WHERE order_id = ?", String.class,
                orderId + "-B")).contains("sms: number refused by Twilio");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM notification WHERE order_id = ?", Integer.class,
                orderId + "-B")).as("no attempt to a number out of service").isZero();

        assertThat(inboundSms(phone, "Hi, this is my number again").statusCode()).isEqualTo(200);

        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM sms_suppression WHERE phone = ?", Integer.class, phone))
                .isZero();
        smsOnlyOrder(orderId + "-C", phone);
        assertThat(sentSms(orderId + "-C")).isNotNull();
    }

    @Test
    void undeliveredCriticalSmsFallsBackToEmail() {
        String orderId = "SO-FB-FALL-" + SEQUENCE.incrementAndGet();
        String email = "fallback." + orderId.toLowerCase() + "@example.com";
        String phone = phone();
        String trackingNumber = trackingNumber("FBFALL");
        assertThat(post("/api/v1/intake/oms", SamplePayloads.omsOrder(orderId, "C-" + orderId, email, phone, "en",
                "sms", 600)).statusCode()).isEqualTo(202);
        publishWms(trackingNumber, SamplePayloads.wmsShipped(orderId, trackingNumber, 300));
        await().atMost(WAIT).until(() -> decisionsOf(trackingNumber).size() == 1);
        easypost(trackingNumber, Scan.of("in_transit", "lost", "Package lost in transit", minutesAgo(3)));
        String delayed = await().atMost(WAIT).until(() -> attempt(trackingNumber, "delayed", "sms", "SENT"),
                id -> id != null);
        assertThat(mailsTo(email)).as("the customer asked for SMS only").isEmpty();

        assertThat(statusCallback(delayed, "undelivered", "30003").statusCode()).isEqualTo(204);

        await().atMost(WAIT).until(() -> subjectsTo(email).size() == 1);
        assertThat(subjectsTo(email).get(0)).isEqualTo("Your order " + orderId + " is delayed");
        assertThat(jdbc.queryForMap("SELECT state, failure_reason FROM notification WHERE id = ?", delayed))
                .containsEntry("STATE", "UNDELIVERED").containsEntry("FAILURE_REASON", "Twilio 30003 (undelivered)");
        assertThat(decisionsOf(trackingNumber)).filteredOn(d -> "delayed".equals(d.get("TYPE"))).singleElement()
                .satisfies(d -> assertThat((String) d.get("REASON")).contains("sms failed", "30003",
                        "fallback to email"));
        assertThat(statusCallback(delayed, "failed", "30005").statusCode()).isEqualTo(204);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM notification n JOIN decision d ON d.id = n.decision_id "
                + "WHERE d.tracking_number = ? AND d.type = 'delayed' AND n.channel = 'email'", Integer.class,
                trackingNumber)).as("one fallback, however often Twilio reports").isEqualTo(1);
    }

    @Test
    void undeliveredAlertThatIsOutOfDateDoesNotFallBack() {
        String orderId = "SO-FB-OLD-" + SEQUENCE.incrementAndGet();
        String email = "old." + orderId.toLowerCase() + "@example.com";
        String trackingNumber = trackingNumber("FBOLD");
        assertThat(post("/api/v1/intake/oms", SamplePayloads.omsOrder(orderId, "C-" + orderId, email, phone(), "en",
                "sms", 600)).statusCode()).isEqualTo(202);
        publishWms(trackingNumber, SamplePayloads.wmsShipped(orderId, trackingNumber, 300));
        await().atMost(WAIT).until(() -> decisionsOf(trackingNumber).size() == 1);
        easypost(trackingNumber, Scan.of("in_transit", "lost", "Package lost in transit", minutesAgo(30)));
        String delayed = await().atMost(WAIT).until(() -> attempt(trackingNumber, "delayed", "sms", "SENT"),
                id -> id != null);
        // the parcel turns up and is delivered before Twilio reports the alert undelivered
        easypost(trackingNumber, Scan.of("delivered", "arrived_at_destination", "Delivered", minutesAgo(2)));
        await().atMost(WAIT).until(() -> decisionsOf(trackingNumber).stream()
                .anyMatch(d -> "delivered".equals(d.get("TYPE"))));

        assertThat(statusCallback(delayed, "undelivered", "30003").statusCode()).isEqualTo(204);

        assertThat(stateOf(delayed)).isEqualTo("UNDELIVERED");
        assertThat(decisionsOf(trackingNumber)).filteredOn(d -> "delayed".equals(d.get("TYPE"))).singleElement()
                .satisfies(d -> assertThat((String) d.get("REASON")).contains("no fallback: the alert is out of date"));
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM notification n JOIN decision d ON d.id = n.decision_id "
                + "WHERE d.tracking_number = ? AND d.type = 'delayed' AND n.channel = 'email'", Integer.class,
                trackingNumber)).isZero();
    }

    @Test
    void hardBounceSuppressesTheAddress() throws Exception {
        // from the bounce mailbox: a delivery status notification (RFC 3464)
        String orderId = "SO-FB-DSN-" + SEQUENCE.incrementAndGet();
        String email = "dsn." + orderId.toLowerCase() + "@example.com";
        String messageId = emailOnlyOrderConfirmed(orderId, email);
        String id = emailAttempt(orderId);
        BOUNCES.getUserManager().getUser(BOUNCE_LOGIN).deliver(new MimeMessage(Session.getInstance(new Properties()),
                new ByteArrayInputStream(dsn(email, messageId).getBytes(StandardCharsets.US_ASCII))));

        await().atMost(WAIT).until(() -> stateOf(id).equals("UNDELIVERED"));
        assertThat(suppressions(email)).containsExactly("BOUNCE dsn");
        String trackingNumber = trackingNumber("FBDSN");
        publishWms(trackingNumber, SamplePayloads.wmsShipped(orderId, trackingNumber, 300));
        await().atMost(WAIT).until(() -> decisionsOf(trackingNumber).size() == 1);
        assertThat(decisionsOf(trackingNumber).get(0)).containsEntry("STATE", "SUPPRESSED")
                .satisfies(d -> assertThat((String) d.get("REASON")).contains("email: address suppressed (bounce or complaint)"));
        assertThat(mailsTo(email)).as("nothing more goes to the bounced address").hasSize(1);

        // the customer mended their mailbox: an operator lifts the suppression, and with it sends the news it kept
        // from them (the shipment, still in transit); the next email goes out too
        String suppressions = "/api/v1/customers/C-" + orderId + "/suppressions";
        assertThat(get(suppressions).body()).contains("\"email\":{\"suppressed\":true", "\"kind\":\"BOUNCE\"",
                "\"source\":\"dsn\"", "\"sms\":{\"suppressed\":false");
        assertThat(delete(suppressions + "/push").statusCode()).as("push has no suppression list").isEqualTo(404);
        assertThat(delete(suppressions + "/email?resend=all").statusCode()).isEqualTo(400);
        var lifted = delete(suppressions + "/email?resend=latest");
        assertThat(lifted.statusCode()).isEqualTo(200);
        assertThat(lifted.body()).contains("\"outcome\":\"sent\"");
        assertThat(get(suppressions).body()).contains("\"email\":{\"suppressed\":false");
        await().atMost(WAIT).until(() -> mailsTo(email).size() == 2);
        // the sink has the mail a moment before the hand-off's SENT is committed
        await().atMost(WAIT).untilAsserted(() -> assertThat(jdbc.queryForList(
                "SELECT state FROM notification WHERE tracking_number = ?", String.class, trackingNumber))
                .as("the news the suppression kept").containsExactly("SENT"));
        String mended = trackingNumber("FBDSN");
        publishWms(mended, SamplePayloads.wmsShipped(orderId, mended, 200));
        await().atMost(WAIT).until(() -> mailsTo(email).size() == 3);
        assertThat(get("/api/v1/customers/C-NOBODY/suppressions").statusCode()).isEqualTo(404);

        // from Mailgun's event webhook: a permanent failure, signed with the webhook signing key
        String otherOrder = "SO-FB-MG-" + SEQUENCE.incrementAndGet();
        String otherEmail = "mailgun." + otherOrder.toLowerCase() + "@example.com";
        String otherMessageId = emailOnlyOrderConfirmed(otherOrder, otherEmail);
        String otherId = emailAttempt(otherOrder);
        String event = mailgunFailed(otherEmail, otherMessageId.replaceAll("^<|>$", ""));

        assertThat(post("/api/v1/email/events/mailgun", mailgunSigned(event, "wrong-key")).statusCode())
                .isEqualTo(401);
        assertThat(stateOf(otherId)).isEqualTo("SENT");
        assertThat(post("/api/v1/email/events/mailgun", mailgunSigned(event, MAILGUN_SIGNING_KEY)).statusCode())
                .isEqualTo(200);

        assertThat(stateOf(otherId)).isEqualTo("UNDELIVERED");
        assertThat(suppressions(otherEmail)).containsExactly("BOUNCE mailgun");
        var kpis = get("/api/v1/kpis?from=" + java.time.Instant.now().minus(Duration.ofHours(1)) + "&to="
                + java.time.Instant.now().plus(Duration.ofHours(1)));
        assertThat(kpis.statusCode()).isEqualTo(200);
        assertThat(kpis.body()).contains("\"emailFeedback\"");
    }

    private void smsOnlyOrder(String orderId, String phone) {
        assertThat(post("/api/v1/intake/oms", SamplePayloads.omsOrder(orderId, "C-" + orderId,
                "sms." + orderId.toLowerCase() + "@example.com", phone, "en", "sms", 600)).statusCode())
                .isEqualTo(202);
    }

    /** The order's confirmation by email, once sent: the Message-ID the customer's mail server saw. */
    private String emailOnlyOrderConfirmed(String orderId, String email) throws Exception {
        assertThat(post("/api/v1/intake/oms", SamplePayloads.omsOrder(orderId, "C-" + orderId, email, phone(), "en",
                "email", 600)).statusCode()).isEqualTo(202);
        await().atMost(WAIT).until(() -> mailsTo(email).size() == 1);
        return mailsTo(email).get(0).getMessageID();
    }

    private String sentSms(String orderId) {
        return await().atMost(WAIT).until(() -> jdbc.queryForList("SELECT id FROM notification WHERE order_id = ? "
                + "AND channel = 'sms' AND state = 'SENT'", String.class, orderId).stream().findFirst().orElse(null),
                id -> id != null);
    }

    private String emailAttempt(String orderId) {
        return await().atMost(WAIT).until(() -> jdbc.queryForList("SELECT id FROM notification WHERE order_id = ? "
                + "AND channel = 'email' AND state = 'SENT'", String.class, orderId).stream().findFirst().orElse(null),
                id -> id != null);
    }

    private String attempt(String trackingNumber, String type, String channel, String state) {
        return jdbc.queryForList("SELECT n.id FROM notification n JOIN decision d ON d.id = n.decision_id "
                        + "WHERE d.tracking_number = ? AND d.type = ? AND n.channel = ? AND n.state = ?", String.class,
                trackingNumber, type, channel, state).stream().findFirst().orElse(null);
    }

    private String stateOf(String id) {
        return jdbc.queryForObject("SELECT state FROM notification WHERE id = ?", String.class, id);
    }

    private List<String> suppressions(String email) {
        return jdbc.queryForList("SELECT kind, source FROM email_suppression WHERE address = ?", email).stream()
                .map(r -> r.get("KIND") + " " + r.get("SOURCE")).toList();
    }

    private static String phone() {
        return "+4915112348" + String.format("%03d", SEQUENCE.incrementAndGet() % 1000);
    }

    private void easypost(String trackingNumber, Scan scan) {
        assertThat(post("/api/v1/intake/easypost", DecidePayloads.easypost(trackingNumber, null, List.of(scan)))
                .statusCode()).isEqualTo(202);
    }

    /** A status callback's form, as Twilio posts it. */
    private static Map<String, String> callback(String status, String errorCode) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("AccountSid", ACCOUNT_SID);
        form.put("MessageSid", "SM" + "f".repeat(32));
        form.put("MessageStatus", status);
        form.put("ApiVersion", "2010-04-01");
        if (errorCode != null) {
            form.put("ErrorCode", errorCode);
        }
        return form;
    }

    private HttpResponse<String> statusCallback(String attemptId, String status, String errorCode) {
        String path = "/api/v1/sms/status?n=" + attemptId;
        Map<String, String> form = callback(status, errorCode);
        return postForm(path, form, signatures.sign(publicBaseUrl + path, form));
    }

    private HttpResponse<String> postForm(String path, Map<String, String> form, String signature) {
        String body = form.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (signature != null) {
            request.header("X-Twilio-Signature", signature);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A relay's delivery status notification for the mail {@code messageId}, which {@code email} refused. */
    private static String dsn(String email, String messageId) {
        return """
                From: Mail Delivery System <mailer-daemon@relay.example.net>
                To: bounces@shop.example
                Subject: Undelivered Mail Returned to Sender
                MIME-Version: 1.0
                Content-Type: multipart/report; report-type=delivery-status; boundary="fb-dsn"

                --fb-dsn
                Content-Type: text/plain

                The mail system could not deliver your message.

                --fb-dsn
                Content-Type: message/delivery-status

                Reporting-MTA: dns; relay.example.net

                Final-Recipient: rfc822; %1$s
                Action: failed
                Status: 5.1.1
                Diagnostic-Code: smtp; 550 5.1.1 <%1$s>: Recipient address rejected: User unknown

                --fb-dsn
                Content-Type: text/rfc822-headers

                From: Shop <shop@example.com>
                To: %1$s
                Message-ID: %2$s
                Subject: Your order is confirmed

                --fb-dsn--
                """.formatted(email, messageId).replace("\n", "\r\n");
    }

    /** Mailgun's "failed" event of severity permanent, as its event webhook posts it. */
    private static String mailgunFailed(String recipient, String messageId) {
        return """
                {"event-data": {"event": "failed", "severity": "permanent", "reason": "bounce",
                  "id": "%3$s", "timestamp": 1764409000.5, "recipient": "%1$s",
                  "message": {"headers": {"message-id": "%2$s", "to": "%1$s", "subject": "Your order is confirmed"}},
                  "delivery-status": {"code": 550, "message": "5.1.1 The email account does not exist",
                                      "attempt-no": 1}}}
                """.formatted(recipient, messageId, UUID.randomUUID());
    }

    /** The event with Mailgun's signature block: hex HMAC-SHA256 of timestamp + token, keyed with {@code key}. */
    private static String mailgunSigned(String event, String key) throws Exception {
        String timestamp = String.valueOf(System.currentTimeMillis() / 1000);
        String token = UUID.randomUUID().toString().replace("-", "");
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String signature = HexFormat.of().formatHex(mac.doFinal((timestamp + token).getBytes(StandardCharsets.UTF_8)));
        return "{\"signature\": {\"timestamp\": \"" + timestamp + "\", \"token\": \"" + token + "\", \"signature\": \""
                + signature + "\"}, " + event.strip().substring(1);
    }
}
