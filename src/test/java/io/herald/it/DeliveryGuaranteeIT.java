package io.herald.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.herald.channel.ScriptedRelay;
import io.herald.decide.NotificationDecisions;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.internet.MimeMessage;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The delivery guarantee: an attempt is handed to its channel at most once unless the hand-off failed for sure; a
 * hand-off left SENDING by a stopped instance is taken over once its lease ran out, as the same message; every
 * hand-off carries the attempt's id; a permanent refusal fails at once, and a provider's Retry-After is honoured.
 */
class DeliveryGuaranteeIT extends HeraldIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(120);

    @Autowired
    private MeterRegistry meters;

    @Autowired
    private NotificationDecisions decisions;

    @AfterEach
    void forgetScenarios() {
        TWILIO.resetScenarios();
    }

    @Test
    void attemptLeftSendingByAStoppedInstanceIsTakenOverAfterItsLeaseAsTheSameMessage() throws Exception {
        // an instance began this hand-off two minutes ago and died: SENDING, and its message is consumed again
        String id = UUID.randomUUID().toString();
        String recipient = "crashed.handoff@example.com";
        Timestamp began = Timestamp.from(Instant.now().minus(Duration.ofMinutes(2)));
        jdbc.update("INSERT INTO notification (id, subject_key, type, channel, order_id, locale, recipient, subject, "
                + "body_text, state, created_at, updated_at) VALUES (?, 'order:SO-G1', 'order_confirmed', 'email', "
                + "'SO-G1', 'en', ?, 'Your order SO-G1 is confirmed', 'Confirmed', 'SENDING', ?, ?)",
                id, recipient, began, began);
        double resumedBefore = emails("RESUMED");

        publish("herald.outbound.email", id, """
                {"notificationId": "%s", "type": "order_confirmed", "channel": "email", "recipient": "%s",
                 "locale": "en", "subject": "Your order SO-G1 is confirmed", "bodyText": "Confirmed",
                 "bodyHtml": null, "intakeAt": 0}
                """.formatted(id, recipient));

        await().atMost(WAIT).until(() -> "SENT".equals(stateOf(id)));
        assertThat(mailsTo(recipient)).singleElement().satisfies(mail -> assertThat(mail.getMessageID())
                .as("handed over again as the same message").isEqualTo("<" + id + "@example.com>"));
        assertThat(emails("RESUMED")).isEqualTo(resumedBefore + 1);
    }

    @Test
    void smsLeftSendingWhoseMessageTwilioListsIsRecordedSentAndNotSentAgain() throws Exception {
        // an instance posted this SMS to Twilio two minutes ago, and died before it recorded Twilio's answer
        String id = UUID.randomUUID().toString();
        String phone = "+4915112340023";
        String text = "Your order SO-G5 is confirmed";
        Instant began = Instant.now().minus(Duration.ofMinutes(2));
        jdbc.update("INSERT INTO notification (id, subject_key, type, channel, order_id, locale, recipient, "
                + "body_text, state, created_at, updated_at) VALUES (?, 'order:SO-G5', 'order_confirmed', 'sms', "
                + "'SO-G5', 'en', ?, ?, 'SENDING', ?, ?)", id, phone, text, Timestamp.from(began),
                Timestamp.from(began));
        String listedSid = "SM" + "d".repeat(32);
        TWILIO.stubFor(WireMock.get(WireMock.urlPathEqualTo(MESSAGES_PATH))
                .withQueryParam("To", WireMock.equalTo(phone))
                .willReturn(WireMock.okJson("""
                        {"end": 0, "messages": [{"account_sid": "%s", "body": "%s", "date_created": "%s",
                          "date_sent": "%s", "direction": "outbound-api", "from": "+15005550006", "sid": "%s",
                          "status": "delivered", "to": "%s"}], "next_page_uri": null, "page": 0,
                          "page_size": 20, "previous_page_uri": null, "start": 0}""".formatted(ACCOUNT_SID, text,
                        rfc2822(began.plusSeconds(1)), rfc2822(began.plusSeconds(2)), listedSid, phone))));
        TWILIO.stubFor(WireMock.post(urlEqualTo(MESSAGES_PATH)).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json")
                .withBody(NotificationJourneyIT.twilioMessage("SM" + "e".repeat(32)))));
        double resumedBefore = count("sms", "RESUMED");

        publish("herald.outbound.sms", id, """
                {"notificationId": "%s", "type": "order_confirmed", "channel": "sms", "recipient": "%s",
                 "locale": "en", "subject": null, "bodyText": "%s", "bodyHtml": null, "intakeAt": 0}
                """.formatted(id, phone, text));

        await().atMost(WAIT).until(() -> "SENT".equals(stateOf(id)));
        assertThat(NotificationJourneyIT.smsTo(phone)).as("Twilio has it already: not posted again").isEmpty();
        assertThat(jdbc.queryForObject("SELECT provider_id FROM notification WHERE id = ?", String.class, id))
                .isEqualTo(listedSid);
        assertThat(count("sms", "RESUMED")).isEqualTo(resumedBefore + 1);
    }

    @Test
    void everyEmailCarriesItsNotificationIdAsMessageId() throws Exception {
        String email = "message.id@example.com";
        assertThat(post("/api/v1/intake/oms", SamplePayloads.omsOrder("SO-G2", "C-G2", email, "+4915112340020",
                "en", "email", 20)).statusCode()).isEqualTo(202);

        await().atMost(WAIT).until(() -> "SENT".equals(stateOfOrder("SO-G2")));
        String id = jdbc.queryForObject("SELECT id FROM notification WHERE order_id = 'SO-G2'", String.class);
        List<MimeMessage> mails = mailsTo(email);
        assertThat(mails).hasSize(1);
        // the domain is the From address's (herald.notifications.email-from=Shop <shop@example.com>)
        assertThat(mails.get(0).getMessageID()).isEqualTo("<" + id + "@example.com>");
        assertThat(notificationsOf("SO-G2").get(0).get("PROVIDER_ID")).isEqualTo("<" + id + "@example.com>");
    }

    @Test
    void anEventReadAgainAfterItsBatchCommittedUnpublishedPublishesItsAttemptsAtOnce() throws Exception {
        String recipient = "read.again@example.com";
        String order = SamplePayloads.omsOrder("SO-G12", "C-G12", recipient, "+4915112340032", "en", "email", 20);
        assertThat(post("/api/v1/intake/oms", order).statusCode()).isEqualTo(202);
        await().atMost(WAIT).until(() -> "SENT".equals(stateOfOrder("SO-G12")));
        // as an instance killed after its decide batch committed, before it published and committed its offsets,
        // leaves the attempt: DECIDED just now, and never on its topic (this one went out, and is put back)
        jdbc.update("UPDATE notification SET state = 'DECIDED', sent_at = NULL, provider_id = NULL, "
                + "updated_at = CURRENT_TIMESTAMP WHERE order_id = 'SO-G12'");

        // the partition's next owner reads the event again: a duplicate by its fingerprint
        assertThat(post("/api/v1/intake/oms", order).statusCode()).isEqualTo(202);

        // at once, not after herald.notifications.republish-after (2 minutes, checked every 30 s)
        await().atMost(Duration.ofSeconds(60)).until(() -> "SENT".equals(stateOfOrder("SO-G12")));
        assertThat(mailsTo(recipient)).hasSize(2);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM decision WHERE order_id = 'SO-G12'", Integer.class))
                .as("not decided again").isEqualTo(1);
    }

    @Test
    void smtp550FailsAtOnceWithoutRetries() throws Exception {
        String email = "no.such.mailbox@example.com";
        stopSmtp();
        try (ScriptedRelay relay = ScriptedRelay.refusingEveryRecipient(SMTP_PORT)) {
            assertThat(post("/api/v1/intake/oms", SamplePayloads.omsOrder("SO-G3", "C-G3", email, "+4915112340021",
                    "en", "email", 20)).statusCode()).isEqualTo(202);

            await().atMost(WAIT).until(() -> "FAILED".equals(stateOfOrder("SO-G3")));
            // a retry would ask the same relay again; the first try may go to a stale connection, never to this relay
            assertThat(relay.recipientsTried(email)).as("a permanent refusal is not tried again").isEqualTo(1L);
        } finally {
            restartSmtp();
        }
        assertThat(jdbc.queryForObject("SELECT failure_reason FROM notification WHERE order_id = 'SO-G3'",
                String.class)).contains("550");
        assertThat(jdbc.queryForObject("SELECT reason FROM dead_letter WHERE stage LIKE 'email%' "
                + "AND payload LIKE '%SO-G3%'", String.class)).contains("550");
        // no such mailbox (5.1.1): a hard bounce told at once, so the customer's next email is not tried
        assertThat(jdbc.queryForList("SELECT kind, source FROM email_suppression WHERE address = ?", email))
                .extracting(r -> r.get("KIND") + " " + r.get("SOURCE")).containsExactly("BOUNCE smtp");
        assertThat(post("/api/v1/intake/oms", SamplePayloads.omsOrder("SO-G3B", "C-G3", email, "+4915112340021",
                "en", "email", 10)).statusCode()).isEqualTo(202);
        await().atMost(WAIT).until(() -> "SUPPRESSED".equals(jdbc.queryForList("SELECT state FROM decision WHERE "
                + "order_id = 'SO-G3B'", String.class).stream().findFirst().orElse(null)));
        assertThat(jdbc.queryForObject("SELECT reason FROM decision WHERE order_id = 'SO-G3B'", String.class))
                .contains("email: address suppressed (bounce or complaint)");
        assertThat(notificationsOf("SO-G3B")).isEmpty();
    }

    @Test
    void aRecipientTheRelayDefersWaitsForTheSweepWithoutHoldingTheOtherEmails() throws Exception {
        String busy = "busy.mailbox@example.com";
        String free = "free.mailbox@example.com";
        stopSmtp();
        try (ScriptedRelay relay = ScriptedRelay.deferring(SMTP_PORT, busy)) {
            assertThat(post("/api/v1/intake/oms", SamplePayloads.omsOrder("SO-G5", "C-G5", busy, "+4915112340025",
                    "en", "email", 20)).statusCode()).isEqualTo(202);
            await().atMost(WAIT).until(() -> relay.recipientsTried(busy) >= 1
                    && "DECIDED".equals(stateOfOrder("SO-G5")));

            assertThat(post("/api/v1/intake/oms", SamplePayloads.omsOrder("SO-G6", "C-G6", free, "+4915112340026",
                    "en", "email", 20)).statusCode()).isEqualTo(202);
            await().atMost(WAIT).until(() -> "SENT".equals(stateOfOrder("SO-G6")));
            // with retries in place the deferred email would have held the channel's batch until they ran out
            assertThat(relay.recipientsTried(busy)).as("not retried in place").isEqualTo(1L);
            assertThat(stateOfOrder("SO-G5")).isEqualTo("DECIDED");
            assertThat(deferralsOf("SO-G5")).isEqualTo(1);
            assertThat(jdbc.queryForObject("SELECT failure_reason FROM notification WHERE order_id = 'SO-G5'",
                    String.class)).contains("450 4.2.1");

            // as if herald.notifications.republish-after (2 minutes) had passed: the sweep publishes it again, here
            // at once rather than at its timer's next tick (notifications-republish, which could take it first)
            relay.stopDeferring();
            jdbc.update("UPDATE notification SET updated_at = DATEADD(MINUTE, -3, updated_at) "
                    + "WHERE order_id = 'SO-G5'");
            camel.createProducerTemplate().sendBody("direct:notifications-publish", decisions.republishStale("2m"));
            await().atMost(WAIT).until(() -> "SENT".equals(stateOfOrder("SO-G5")));
            assertThat(relay.recipientsTried(busy)).isEqualTo(2L);
        } finally {
            restartSmtp();
        }
        assertThat(deferralsOf("SO-G5")).isEqualTo(1);
        assertThat(count("email", "RECIPIENT_DEFERRED")).isGreaterThanOrEqualTo(1.0);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM dead_letter WHERE payload LIKE '%SO-G5%'",
                Integer.class)).isZero();
    }

    @Test
    void aDeferredEmailWhoseNewsIsOutOfDateIsRecordedSupersededAndNotSent() throws Exception {
        String busy = "changed.mind@example.com";
        double supersededBefore = emails("SUPERSEDED");
        stopSmtp();
        try (ScriptedRelay relay = ScriptedRelay.deferring(SMTP_PORT, busy)) {
            assertThat(post("/api/v1/intake/oms", SamplePayloads.omsOrder("SO-G9", "C-G9", busy, "+4915112340029",
                    "en", "email", 20)).statusCode()).isEqualTo(202);
            await().atMost(WAIT).until(() -> deferralsOf("SO-G9", "order_confirmed") == 1);
            // the order is cancelled while its confirmation waits for the sweep; the cancellation is deferred too
            assertThat(post("/api/v1/intake/oms", SamplePayloads.omsOrderCancelled("SO-G9", "C-G9", busy,
                    "+4915112340029", 10)).statusCode()).isEqualTo(202);
            await().atMost(WAIT).until(() -> deferralsOf("SO-G9", "order_cancelled") == 1);

            relay.stopDeferring();
            jdbc.update("UPDATE notification SET updated_at = DATEADD(MINUTE, -3, updated_at) "
                    + "WHERE order_id = 'SO-G9'");
            camel.createProducerTemplate().sendBody("direct:notifications-publish", decisions.republishStale("2m"));
            await().atMost(WAIT).until(() -> "SENT".equals(stateOfOrder("SO-G9", "order_cancelled")));
            assertThat(relay.recipientsTried(busy)).as("the cancellation twice, the confirmation once").isEqualTo(3L);
        } finally {
            restartSmtp();
        }
        // "your order is confirmed" after "your order is cancelled" would tell the customer something untrue
        assertThat(stateOfOrder("SO-G9", "order_confirmed")).isEqualTo("SUPERSEDED");
        assertThat(jdbc.queryForObject("SELECT failure_reason FROM notification WHERE order_id = 'SO-G9' "
                + "AND type = 'order_confirmed'", String.class)).isEqualTo("out of date: the order is now CANCELLED");
        assertThat(jdbc.queryForObject("SELECT d.reason FROM decision d JOIN notification n ON n.decision_id = d.id "
                + "WHERE n.order_id = 'SO-G9' AND n.type = 'order_confirmed'", String.class))
                .endsWith("email not sent: out of date: the order is now CANCELLED");
        assertThat(jdbc.queryForObject("SELECT d.state FROM decision d JOIN notification n ON n.decision_id = d.id "
                + "WHERE n.order_id = 'SO-G9' AND n.type = 'order_confirmed'", String.class))
                .as("its only attempt was not sent: the confirmation no longer counts as told").isEqualTo("SUPERSEDED");
        assertThat(emails("SUPERSEDED")).isEqualTo(supersededBefore + 1);
    }

    @Test
    void aRecipientDeferredPastItsBudgetFailsToTheDeadLetterWithTheRelaysReply() throws Exception {
        String busy = "always.busy@example.com";
        stopSmtp();
        try (ScriptedRelay relay = ScriptedRelay.deferring(SMTP_PORT, busy)) {
            assertThat(post("/api/v1/intake/oms", SamplePayloads.omsOrder("SO-G7", "C-G7", busy, "+4915112340027",
                    "en", "email", 20)).statusCode()).isEqualTo(202);
            await().atMost(WAIT).until(() -> "DECIDED".equals(stateOfOrder("SO-G7")) && deferralsOf("SO-G7") == 1);

            // as if it had been deferred max-recipient-deferrals (6) times and the sweep's wait had passed again
            jdbc.update("UPDATE notification SET deferrals = 6, updated_at = DATEADD(MINUTE, -3, updated_at)"
                    + " WHERE order_id = 'SO-G7'");
            camel.createProducerTemplate().sendBody("direct:notifications-publish", decisions.republishStale("2m"));
            await().atMost(WAIT).until(() -> "FAILED".equals(stateOfOrder("SO-G7")));
            assertThat(relay.recipientsTried(busy)).isEqualTo(2L);
        } finally {
            restartSmtp();
        }
        assertThat(jdbc.queryForObject("SELECT failure_reason FROM notification WHERE order_id = 'SO-G7'",
                String.class)).contains("deferred the recipient 7 times").contains("450 4.2.1");
        assertThat(jdbc.queryForObject("SELECT reason FROM dead_letter WHERE stage LIKE 'email%' "
                + "AND payload LIKE '%SO-G7%'", String.class)).contains("DeferredTooOftenException");
    }

    @Test
    void twilio429HonoursRetryAfter() {
        String phone = "+4915112340022";
        String to = "To=%2B4915112340022";
        TWILIO.stubFor(WireMock.post(urlEqualTo(MESSAGES_PATH)).atPriority(1).withRequestBody(containing(to))
                .inScenario("twilio-429").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Content-Type", "application/json")
                        .withHeader("Retry-After", "2")
                        .withBody("{\"code\": 20429, \"message\": \"Too Many Requests\", \"status\": 429}"))
                .willSetStateTo("accepting"));
        TWILIO.stubFor(WireMock.post(urlEqualTo(MESSAGES_PATH)).atPriority(1).withRequestBody(containing(to))
                .inScenario("twilio-429").whenScenarioStateIs("accepting")
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withBody(NotificationJourneyIT.twilioMessage("SM" + "c".repeat(32)))));

        assertThat(post("/api/v1/intake/oms", SamplePayloads.omsOrder("SO-G4", "C-G4", "sms.g4@example.com", phone,
                "en", "sms", 20)).statusCode()).isEqualTo(202);

        await().atMost(WAIT).until(() -> "SENT".equals(stateOfOrder("SO-G4")));
        List<LoggedRequest> requests = TWILIO.findAll(postRequestedFor(urlEqualTo(MESSAGES_PATH))
                .withRequestBody(containing(to)));
        assertThat(requests).as("refused once, then sent once").hasSize(2);
        long waited = requests.get(1).getLoggedDate().getTime() - requests.get(0).getLoggedDate().getTime();
        // the IT's fixed backoff starts at 200 ms: only Retry-After explains a wait of 2 s
        assertThat(waited).isGreaterThanOrEqualTo(2000);
        assertThat(notificationsOf("SO-G4")).singleElement()
                .satisfies(n -> assertThat(n.get("PROVIDER_ID")).isEqualTo("SM" + "c".repeat(32)));
    }

    /** The state of an order's only attempt, or null while it has none. */
    private String stateOfOrder(String orderId) {
        return notificationsOf(orderId).stream().findFirst().map(n -> (String) n.get("STATE")).orElse(null);
    }

    private int deferralsOf(String orderId) {
        return jdbc.queryForObject("SELECT deferrals FROM notification WHERE order_id = ?", Integer.class,
                orderId);
    }

    /** The state of an order's attempt of this type, or null while it has none. */
    private String stateOfOrder(String orderId, String type) {
        return jdbc.queryForList("SELECT state FROM notification WHERE order_id = ? AND type = ?", String.class,
                orderId, type).stream().findFirst().orElse(null);
    }

    /** The deferrals of an order's attempt of this type, or -1 while it has none. */
    private int deferralsOf(String orderId, String type) {
        return jdbc.queryForList("SELECT deferrals FROM notification WHERE order_id = ? AND type = ?", Integer.class,
                orderId, type).stream().findFirst().orElse(-1);
    }

    private String stateOf(String id) {
        return jdbc.queryForObject("SELECT state FROM notification WHERE id = ?", String.class, id);
    }

    private double emails(String state) {
        return count("email", state);
    }

    private double count(String channel, String state) {
        Counter counter = meters.find("herald.notifications").tag("channel", channel).tag("state", state).counter();
        return counter == null ? 0 : counter.count();
    }

    /** A date as Twilio's resources give it: "Sun, 29 Nov 2026 10:00:00 +0000". */
    private static String rfc2822(Instant instant) {
        return java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(instant.atOffset(java.time.ZoneOffset.UTC))
                .replace("GMT", "+0000");
    }
}
