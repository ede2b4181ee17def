package io.herald.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.WireMock;
import io.herald.decide.NotificationDecisions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Providers fail for a while; Herald retries with backoff and loses nothing, sends nothing twice. */
class DeliveryResilienceIT extends HeraldIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final String SMTP_OUTAGE_RECIPIENT = "smtp.outage@example.com";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    private NotificationDecisions decisions;

    /** Redeliveries of the mails to this class's recipients, told by the mail's To header. */
    private final Map<Object, AtomicInteger> emailRedeliveries = new ConcurrentHashMap<>();
    private final EventNotifierSupport redeliveries = new EventNotifierSupport() {
        @Override
        public void notify(CamelEvent event) {
            if (event instanceof CamelEvent.ExchangeRedeliveryEvent redelivery
                    && "email-notifications-consume".equals(redelivery.getExchange().getFromRouteId())) {
                emailRedeliveries.computeIfAbsent(redelivery.getExchange().getMessage().getHeader("To"),
                        to -> new AtomicInteger()).incrementAndGet();
            }
        }
    };

    @BeforeEach
    void watchRedeliveries() throws Exception {
        redeliveries.start();
        camel.getManagementStrategy().addEventNotifier(redeliveries);
    }

    @AfterEach
    void stopWatching() {
        camel.getManagementStrategy().removeEventNotifier(redeliveries);
        TWILIO.resetScenarios();
    }

    @Test
    void emailArrivesAfterTheSmtpServerComesBackAndIsSentOnce() throws Exception {
        String email = SMTP_OUTAGE_RECIPIENT;
        stopSmtp();
        try {
            assertThat(post("/api/v1/intake/oms",
                    SamplePayloads.omsOrder("SO-R1", "C-R1", email, "+4915112340010", "en", "email", 20))
                    .statusCode()).isEqualTo(202);
            await().atMost(WAIT).until(() -> redeliveriesTo(email) >= 2);
            // between two retries the attempt is back to DECIDED; during one it is SENDING for a moment
            await().atMost(WAIT).until(() -> "DECIDED".equals(firstNotificationState("SO-R1")));
            assertThat(notificationsOf("SO-R1")).hasSize(1);
            JsonNode channel = JSON.readTree(get("/actuator/health").body()).path("components").path("channels")
                    .path("details").path("email");
            assertThat(channel.path("failuresSinceLastSent").asInt()).as(channel.toString())
                    .isGreaterThanOrEqualTo(2);
            assertThat(channel.path("lastFailure").asText()).startsWith("ConnectException");
        } finally {
            restartSmtp();
        }
        await().atMost(WAIT).until(() -> mailsTo(email).size() == 1);
        await().atMost(WAIT).until(() -> "SENT".equals(firstNotificationState("SO-R1")));
        assertThat(mailsTo(email)).hasSize(1);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM dead_letter WHERE payload LIKE '%SO-R1%'", Integer.class))
                .isZero();
        await().atMost(WAIT).untilAsserted(() -> assertThat(JSON.readTree(get("/actuator/health").body())
                .path("components").path("channels").path("details").path("email").path("failuresSinceLastSent")
                .asInt()).as("the relay took a message since").isZero());
    }

    /**
     * An email that went to the relay, and whose {@code SENT} could not be recorded (refused here by a constraint; the
     * database away in production), is retried to record it while its route stops, and the stop waits for that: it
     * ends with the email {@code SENT}, sent once. Any other retry ends with the stop (Redeliveries); left to the next
     * owner of its record, this attempt would be found {@code SENDING} and sent a second time once its lease ran out.
     */
    @Test
    void emailHandedOverWhoseRecordFailedIsRecordedWhileItsRouteStops() throws Exception {
        String email = "handed.over@example.com";
        jdbc.execute("ALTER TABLE notification ADD CONSTRAINT it_sent_not_recorded "
                + "CHECK (state <> 'SENT' OR recipient <> '" + email + "')");
        CompletableFuture<Void> stop;
        try {
            assertThat(post("/api/v1/intake/oms",
                    SamplePayloads.omsOrder("SO-R13", "C-R13", email, "+4915112340017", "en", "email", 20))
                    .statusCode()).isEqualTo(202);
            await().atMost(WAIT).until(() -> mailsTo(email).size() == 1 && redeliveriesTo(email) >= 1);
            int before = redeliveriesTo(email);
            stop = CompletableFuture.runAsync(() -> {
                try {
                    camel.getRouteController().stopRoute("email-notifications-send");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            // the retries that record it go on while the route stops
            await().atMost(WAIT).until(() -> redeliveriesTo(email) >= before + 2);
            assertThat(stop).as("the route's stop waits for the record").isNotDone();
        } finally {
            jdbc.execute("ALTER TABLE notification DROP CONSTRAINT it_sent_not_recorded");
        }
        try {
            stop.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(firstNotificationState("SO-R13")).isEqualTo("SENT");
        } finally {
            camel.getRouteController().startRoute("email-notifications-send");
        }
        assertThat(mailsTo(email)).hasSize(1);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM dead_letter WHERE payload LIKE '%SO-R13%'", Integer.class))
                .isZero();
    }

    private int redeliveriesTo(String recipient) {
        AtomicInteger count = emailRedeliveries.get(recipient);
        return count == null ? 0 : count.get();
    }

    @Test
    void twilioServerErrorIsRetriedAndTheSmsSentOnce() {
        String phone = "+4915112340011";
        twilioFailsOnceThenAccepts(phone, 503, "{\"code\": 20503, \"message\": \"Service unavailable\", "
                + "\"status\": 503}", "SM" + "b".repeat(32));

        assertThat(post("/api/v1/intake/oms",
                SamplePayloads.omsOrder("SO-R2", "C-R2", "sms.only@example.com", phone, "en", "sms", 20))
                .statusCode()).isEqualTo(202);

        await().atMost(WAIT).until(() -> "SENT".equals(firstNotificationState("SO-R2")));
        assertThat(NotificationJourneyIT.smsTo(phone)).hasSizeGreaterThanOrEqualTo(2)
                .allSatisfy(sms -> assertThat(sms.get("Body")).isEqualTo("Order SO-R2 confirmed. We'll text you when it ships. Reply STOP to opt out."));
        assertThat(notificationsOf("SO-R2")).singleElement()
                .satisfies(n -> assertThat(n.get("PROVIDER_ID")).isEqualTo("SM" + "b".repeat(32)));
    }

    /**
     * Twilio refusing Herald's credentials (401, error 20003: a token rotated in the console but not yet in Herald's
     * settings) concerns every message, not this one: the SMS is retried as in an outage and sent once the account is
     * taken again, not failed and dead-lettered at once.
     */
    @Test
    void twilioRefusingTheAccountsCredentialsIsRetriedAndTheSmsSentOnceTheyAreTakenAgain() {
        String phone = "+4915112340014";
        twilioFailsOnceThenAccepts(phone, 401, "{\"code\": 20003, \"message\": \"Authenticate\", \"more_info\": "
                + "\"https://www.twilio.com/docs/errors/20003\", \"status\": 401}", "SM" + "d".repeat(32));

        post("/api/v1/intake/oms", SamplePayloads.omsOrder("SO-R9", "C-R9", "r9@example.com", phone, "en", "sms", 20));

        await().atMost(WAIT).until(() -> "SENT".equals(firstNotificationState("SO-R9")));
        assertThat(NotificationJourneyIT.smsTo(phone)).hasSize(2);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM dead_letter WHERE payload LIKE '%SO-R9%'", Integer.class))
                .isZero();
    }

    @Test
    void twilioRefusingTheNumberGoesToTheDeadLetterWithoutRetries() {
        String phone = "+4915112340012";
        twilioRefuses(phone, 21211, "The 'To' number is not a valid phone number.");

        post("/api/v1/intake/oms", SamplePayloads.omsOrder("SO-R3", "C-R3", "x@example.com", phone, "en", "sms", 20));

        await().atMost(WAIT).until(() -> "FAILED".equals(firstNotificationState("SO-R3")));
        assertThat(NotificationJourneyIT.smsTo(phone)).hasSize(1);
        assertThat(jdbc.queryForObject("SELECT reason FROM dead_letter WHERE stage = 'sms-notifications-send' "
                + "AND payload LIKE '%SO-R3%'", String.class)).contains("21211");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM sms_opt_out WHERE phone = ?", Integer.class, phone))
                .as("a bad number is not a STOP").isZero();
        assertThat(jdbc.queryForList("SELECT error_code FROM sms_suppression WHERE phone = ?", Integer.class, phone))
                .containsExactly(21211);

        // the customer's next order: its SMS is not tried, to be refused and dead-lettered again
        post("/api/v1/intake/oms", SamplePayloads.omsOrder("SO-R3B", "C-R3", "x@example.com", phone, "en", "sms", 10));

        await().atMost(WAIT).until(() -> "SUPPRESSED".equals(jdbc.queryForList(
                "SELECT state FROM decision WHERE order_id = 'SO-R3B'", String.class).stream().findFirst()
                .orElse(null)));
        assertThat(jdbc.queryForObject("SELECT reason FROM decision WHERE order_id = 'SO-R3B'", String.class))
                .contains("sms: number refused by Twilio");
        assertThat(notificationsOf("SO-R3B")).as("no attempt to a number Twilio refused").isEmpty();
        assertThat(NotificationJourneyIT.smsTo(phone)).as("the first SMS only, the one refused").hasSize(1);
    }

    /**
     * Twilio refuses an SMS with 21610 when its recipient sent STOP where Herald did not hear it (another number of
     * the retailer's, or while the inbound webhook was down). The attempt fails as any refusal, and the number is
     * recorded as stopped, so that the customer's next message is not tried (and refused, and dead-lettered) again.
     */
    @Test
    void twilioRefusingAnUnsubscribedRecipientRecordsTheNumbersStop() {
        String phone = "+4915112340013";
        twilioRefuses(phone, 21610, "Attempt to send to unsubscribed recipient");

        post("/api/v1/intake/oms", SamplePayloads.omsOrder("SO-R8", "C-R8", "r8@example.com", phone, "en", "sms", 20));

        await().atMost(WAIT).until(() -> "FAILED".equals(firstNotificationState("SO-R8")));
        assertThat(jdbc.queryForList("SELECT source FROM sms_opt_out WHERE phone = ? AND opted_in_at IS NULL",
                String.class, phone)).containsExactly("twilio-21610");

        post("/api/v1/intake/oms", SamplePayloads.omsOrder("SO-R8B", "C-R8", "r8@example.com", phone, "en", "sms", 10));

        await().atMost(WAIT).until(() -> "SUPPRESSED".equals(jdbc.queryForList(
                "SELECT state FROM decision WHERE order_id = 'SO-R8B'", String.class).stream().findFirst()
                .orElse(null)));
        assertThat(notificationsOf("SO-R8B")).as("no attempt to a stopped number").isEmpty();
        assertThat(NotificationJourneyIT.smsTo(phone)).as("the first SMS only, the one refused").hasSize(1);
    }

    /**
     * Twilio refuses Herald's own sender number (21212: the From number is not valid, a setting of Herald's, not the
     * customer's): the SMS fails at once and goes to the dead letter, and the number is not suppressed. Once the
     * setting is mended, an operator sends the group again (all refused with 21212 since then): it goes once, and a
     * second call for it is refused.
     */
    @Test
    void anSmsRefusedForHeraldsOwnSettingGoesOnceWhenAnOperatorSendsItAgain() {
        String phone = "+4915112340015";
        String other = "+4915112340016";
        for (String number : List.of(phone, other)) {
            twilioFailsOnceThenAccepts(number, 400, "{\"code\": 21212, \"message\": \"The 'From' number is not a "
                    + "valid phone number, shortcode, or alphanumeric sender ID.\", \"more_info\": "
                    + "\"https://www.twilio.com/docs/errors/21212\", \"status\": 400}", "SM" + "e".repeat(32));
        }
        post("/api/v1/intake/oms", SamplePayloads.omsOrder("SO-R10", "C-R10", "r10@example.com", phone, "en", "sms",
                20));
        post("/api/v1/intake/oms", SamplePayloads.omsOrder("SO-R11", "C-R11", "r11@example.com", other, "en", "sms",
                20));
        await().atMost(WAIT).until(() -> "FAILED".equals(firstNotificationState("SO-R10"))
                && "FAILED".equals(firstNotificationState("SO-R11")));

        // one sent again by its id
        String single = jdbc.queryForObject("SELECT id FROM notification WHERE order_id = 'SO-R11'", String.class);
        var one = post("/api/v1/notifications/" + single + "/retry", "");
        assertThat(one.statusCode()).isEqualTo(202);
        assertThat(one.body()).isEqualTo("{\"id\":\"" + single + "\",\"channel\":\"sms\",\"state\":\"DECIDED\"}");
        await().atMost(WAIT).until(() -> "SENT".equals(firstNotificationState("SO-R11")));
        assertThat(NotificationJourneyIT.smsTo(other)).hasSize(2);
        assertThat(jdbc.queryForObject("SELECT reason FROM dead_letter WHERE stage = 'sms-notifications-send' "
                + "AND payload LIKE '%SO-R10%'", String.class)).contains("21212");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM sms_suppression WHERE phone = ?", Integer.class, phone))
                .as("the sender's setting, not the number").isZero();
        String id = jdbc.queryForObject("SELECT id FROM notification WHERE order_id = 'SO-R10'", String.class);
        String since = jdbc.queryForObject("SELECT created_at FROM notification WHERE id = ?",
                java.time.OffsetDateTime.class, id).toInstant().toString();
        assertThat(post("/api/v1/notifications/retry?channel=fax&since=" + since, "").statusCode()).isEqualTo(400);
        assertThat(post("/api/v1/notifications/retry?channel=sms&since=yesterday", "").body())
                .contains("https://herald.dev/problems/invalid-request");
        assertThat(post("/api/v1/notifications/retry?channel=sms&limit=many&since=" + since, "").body())
                .contains("https://herald.dev/problems/invalid-request", "limit is a number from 1 to 1000");

        // the mended setting's group: every SMS Twilio refused with 21212 since it was changed; first what would go
        var dryRun = post("/api/v1/notifications/retry?channel=sms&reason=21212&dryRun=true&since=" + since, "");
        assertThat(dryRun.body()).contains("\"dryRun\":true", "{\"id\":\"" + id + "\",\"outcome\":\"retriable\"");
        assertThat(firstNotificationState("SO-R10")).isEqualTo("FAILED");
        var retried = post("/api/v1/notifications/retry?channel=sms&reason=21212&since=" + since, "");

        assertThat(retried.statusCode()).isEqualTo(200);
        assertThat(retried.body()).contains("\"retried\":1", "\"refused\":0", "\"more\":false",
                "{\"id\":\"" + id + "\",\"outcome\":\"retried\"");
        await().atMost(WAIT).until(() -> "SENT".equals(firstNotificationState("SO-R10")));
        assertThat(NotificationJourneyIT.smsTo(phone)).as("the refused SMS and the one sent again").hasSize(2);
        var again = post("/api/v1/notifications/" + id + "/retry", "");
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type)
                .startsWith("application/problem+json"));
        assertThat(again.body()).contains("https://herald.dev/problems/not-failed");
        assertThat(post("/api/v1/notifications/no-such-id/retry", "").statusCode()).isEqualTo(404);
        // a sent one has nothing to reconcile either (NotificationRecoveryOnBothDatabasesTest: an UNKNOWN one)
        assertThat(post("/api/v1/notifications/" + id + "/reconcile", "").statusCode()).isEqualTo(400);
        assertThat(post("/api/v1/notifications/" + id + "/reconcile?outcome=not-sent", "").body())
                .contains("https://herald.dev/problems/not-unknown");
        assertThat(NotificationJourneyIT.smsTo(phone)).hasSize(2);
    }

    /** Twilio answers the number's first SMS with this status and error body, and takes the next as this SID. */
    private static void twilioFailsOnceThenAccepts(String phone, int status, String error, String sid) {
        String to = "To=" + phone.replace("+", "%2B");
        String scenario = "twilio-fails-once-" + phone;
        TWILIO.stubFor(WireMock.post(urlEqualTo(MESSAGES_PATH)).atPriority(1).withRequestBody(containing(to))
                .inScenario(scenario).whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                        .withBody(error))
                .willSetStateTo("taken"));
        TWILIO.stubFor(WireMock.post(urlEqualTo(MESSAGES_PATH)).atPriority(1).withRequestBody(containing(to))
                .inScenario(scenario).whenScenarioStateIs("taken")
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withBody(NotificationJourneyIT.twilioMessage(sid))));
    }

    /** Twilio answers every SMS to the number with a 400 and this error, as its API documents. */
    private static void twilioRefuses(String phone, int code, String message) {
        TWILIO.stubFor(WireMock.post(urlEqualTo(MESSAGES_PATH)).atPriority(1)
                .withRequestBody(containing("To=" + phone.replace("+", "%2B")))
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                        .withBody("{\"code\": " + code + ", \"message\": \"" + message + "\", \"more_info\": "
                                + "\"https://www.twilio.com/docs/errors/" + code + "\", \"status\": 400}")));
    }

    /**
     * Twilio fails one number's SMS with a 500 while it takes the others' (a fault of its own for that number, no
     * Retry-After): after three tries the SMS is set aside for the republish sweep, and the channel goes on instead of
     * retrying it in place for its whole budget while every SMS behind it waits.
     */
    @Test
    void anSmsTwilioFailsAloneIsSetAsideWhileTheOtherSmsGoOut() throws Exception {
        String alone = "+4915112340020";
        TWILIO.stubFor(WireMock.post(urlEqualTo(MESSAGES_PATH)).atPriority(1)
                .withRequestBody(containing("To=%2B4915112340020")).inScenario("one-number")
                .whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(500).withHeader("Content-Type", "application/json")
                        .withBody("{\"code\": 20500, \"message\": \"Internal Server Error\", \"status\": 500}")));
        TWILIO.stubFor(WireMock.post(urlEqualTo(MESSAGES_PATH)).atPriority(1)
                .withRequestBody(containing("To=%2B4915112340020")).inScenario("one-number")
                .whenScenarioStateIs("mended")
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withBody(NotificationJourneyIT.twilioMessage("SM" + "c".repeat(32)))));
        for (int i = 1; i <= 4; i++) {
            // the others are answered after the failing one's first 500, as in a batch of many
            TWILIO.stubFor(WireMock.post(urlEqualTo(MESSAGES_PATH)).atPriority(2)
                    .withRequestBody(containing("To=%2B491511234002" + i))
                    .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                            .withBody(NotificationJourneyIT.twilioMessage("SM" + String.valueOf(i).repeat(32)))
                            .withFixedDelay(300)));
        }
        // the failing SMS and three others in one batch
        camel.getRouteController().stopRoute("sms-notifications-consume", 10, TimeUnit.SECONDS);
        try {
            smsOrder("SO-R4", alone);
            for (int i = 1; i <= 3; i++) {
                smsOrder("SO-R4-" + i, "+491511234002" + i);
            }
            await().atMost(WAIT).until(() -> jdbc.queryForObject("SELECT COUNT(*) FROM notification WHERE channel = "
                    + "'sms' AND order_id LIKE 'SO-R4%' AND state = 'DECIDED'", Integer.class) == 4);
        } finally {
            camel.getRouteController().startRoute("sms-notifications-consume");
        }

        await().atMost(WAIT).until(() -> jdbc.queryForObject("SELECT deferrals FROM notification WHERE order_id = "
                + "'SO-R4'", Integer.class) == 1);
        assertThat(firstNotificationState("SO-R4")).isEqualTo("DECIDED");
        int tries = NotificationJourneyIT.smsTo(alone).size();
        assertThat(tries).as("three tries in place, while Twilio took the others (a fourth if their answers came "
                + "late)").isBetween(3, 4);
        assertThat(jdbc.queryForObject("SELECT failure_reason FROM notification WHERE order_id = 'SO-R4'",
                String.class)).contains("500");
        // the channel goes on: an SMS after it is sent while it waits for the sweep
        smsOrder("SO-R4-4", "+4915112340024");
        await().atMost(WAIT).until(() -> "SENT".equals(firstNotificationState("SO-R4-4")));
        for (int i = 1; i <= 3; i++) {
            assertThat(firstNotificationState("SO-R4-" + i)).isEqualTo("SENT");
        }

        // as if herald.notifications.republish-after (2 minutes) had passed, Twilio mended
        TWILIO.setScenarioState("one-number", "mended");
        jdbc.update("UPDATE notification SET updated_at = DATEADD(MINUTE, -3, updated_at) WHERE order_id = 'SO-R4'");
        camel.createProducerTemplate().sendBody("direct:notifications-publish", decisions.republishStale("2m"));
        await().atMost(WAIT).until(() -> "SENT".equals(firstNotificationState("SO-R4")));
        assertThat(NotificationJourneyIT.smsTo(alone)).hasSize(tries + 1);
        assertThat(notificationsOf("SO-R4")).singleElement()
                .satisfies(n -> assertThat(n.get("PROVIDER_ID")).isEqualTo("SM" + "c".repeat(32)));
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM dead_letter WHERE payload LIKE '%SO-R4%'",
                Integer.class)).isZero();
    }

    private void smsOrder(String orderId, String phone) {
        assertThat(post("/api/v1/intake/oms", SamplePayloads.omsOrder(orderId, "C-" + orderId,
                orderId.toLowerCase() + "@example.com", phone, "en", "sms", 20)).statusCode()).isEqualTo(202);
    }
}
