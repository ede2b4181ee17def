package io.herald.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.herald.decide.NotificationDecisions;
import io.herald.links.LinkTokens;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/**
 * The push channel against WireMock as the retailer's app backend: signed, retried after a failure, refused for good
 * on a 4xx, a batch's pushes at the backend together, and only for customers who chose push.
 */
class PushChannelIT extends HeraldIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PUSH_ROUTE = "push-notifications-consume";

    @Autowired
    private LinkTokens linkTokens;

    @Autowired
    private NotificationDecisions decisions;

    @Value("${herald.public-base-url}")
    private String publicBaseUrl;

    @Value("${herald.channels.hand-off-threads}")
    private int handOffThreads;

    @AfterEach
    void forgetScenarios() {
        PUSH.resetScenarios();
    }

    @Test
    void pushWebhookSignedAndRetried() throws Exception {
        String customer = "\"customerId\":\"C-PUSH-1\"";
        PUSH.stubFor(WireMock.post(urlEqualTo(PUSH_PATH)).withRequestBody(containing(customer))
                .inScenario("backend-outage").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(503).withHeader("Retry-After", "2"))
                .willSetStateTo("recovered"));
        PUSH.stubFor(WireMock.post(urlEqualTo(PUSH_PATH)).withRequestBody(containing(customer))
                .inScenario("backend-outage").whenScenarioStateIs("recovered")
                .willReturn(aResponse().withStatus(200).withBody("{\"accepted\": true}")));
        choosePush("C-PUSH-1", "{\"channels\": {\"push\": true}}");

        assertThat(post("/api/v1/intake/oms", SamplePayloads.omsOrder("SO-PUSH-1", "C-PUSH-1",
                "push.one@example.com", "+4915112340091", "de-DE", "both", 5)).statusCode()).isEqualTo(202);

        await().atMost(WAIT).until(() -> "SENT".equals(pushOf("SO-PUSH-1").get("STATE")));
        String notificationId = (String) pushOf("SO-PUSH-1").get("ID");
        List<LoggedRequest> requests = PUSH.findAll(postRequestedFor(urlEqualTo(PUSH_PATH))
                .withRequestBody(containing(customer)));
        assertThat(requests).as("the 503, then the one delivery").hasSize(2);
        assertThat(PUSH.getAllServeEvents().stream().filter(e -> e.getRequest().getBodyAsString().contains(customer)
                && e.getResponse().getStatus() == 200)).hasSize(1);
        assertThat(Duration.between(requests.get(0).getLoggedDate().toInstant(),
                requests.get(1).getLoggedDate().toInstant())).as("the backend's Retry-After: 2")
                .isGreaterThanOrEqualTo(Duration.ofMillis(1900));
        for (LoggedRequest request : requests) {
            assertThat(request.getHeader("X-Herald-Notification-Id")).isEqualTo(notificationId);
            assertThat(request.getHeader("Content-Type")).startsWith("application/json");
            assertSignedRecently(request);
            JsonNode body = JSON.readTree(request.getBodyAsString());
            assertThat(body.get("notificationId").asText()).isEqualTo(notificationId);
            assertThat(body.get("type").asText()).isEqualTo("order_confirmed");
            assertThat(body.get("customerId").asText()).isEqualTo("C-PUSH-1");
            assertThat(body.get("locale").asText()).isEqualTo("de");
            assertThat(body.get("title").asText()).contains("SO-PUSH-1");
            assertThat(body.get("body").asText()).contains("SO-PUSH-1");
            String deepLink = body.get("deepLink").asText();
            assertThat(deepLink).startsWith(publicBaseUrl + "/track/");
            assertThat(linkTokens.verify(LinkTokens.Purpose.TRACK, deepLink.substring(deepLink.lastIndexOf('/') + 1)))
                    .hasValueSatisfying(claims -> assertThat(claims.subject()).isEqualTo("SO-PUSH-1"));
        }
        assertThat(notificationsOf("SO-PUSH-1")).extracting(n -> n.get("CHANNEL"))
                .containsExactlyInAnyOrder("email", "sms", "push");

        Instant created = jdbc.queryForObject("SELECT created_at FROM notification WHERE id = ?",
                java.time.OffsetDateTime.class, notificationId).toInstant();
        JsonNode kpis = JSON.readTree(get("/api/v1/kpis?from=" + created.minusSeconds(1) + "&to="
                + created.plusSeconds(1)).body());
        assertThat(kpis.at("/delivery/byChannel/push/sent").asLong()).as("push counted by channel").isPositive();
        assertThat(kpis.at("/notifications/SENT/push").asLong()).isPositive();
    }

    @Test
    void pushTheBackendRefusesWithA400FailsAtOnce() {
        String customer = "\"customerId\":\"C-PUSH-2\"";
        PUSH.stubFor(WireMock.post(urlEqualTo(PUSH_PATH)).withRequestBody(containing(customer))
                .willReturn(aResponse().withStatus(400).withBody("{\"error\": \"unknown device\"}")));
        choosePush("C-PUSH-2", "{\"channels\": {\"push\": true}}");

        post("/api/v1/intake/oms", SamplePayloads.omsOrder("SO-PUSH-2", "C-PUSH-2", "push.two@example.com",
                "+4915112340092", "en", "both", 5));

        await().atMost(WAIT).until(() -> "FAILED".equals(pushOf("SO-PUSH-2").get("STATE")));
        assertThat(PUSH.findAll(postRequestedFor(urlEqualTo(PUSH_PATH)).withRequestBody(containing(customer))))
                .hasSize(1);
        assertThat(jdbc.queryForObject("SELECT reason FROM dead_letter WHERE stage = 'push-notifications-send' "
                + "AND payload LIKE '%SO-PUSH-2%'", String.class)).contains("400");
    }

    /**
     * Twelve pushes to a backend that takes 5 s to answer, more than the channel's 8 hand-off threads: all twelve are
     * at the backend before it answered any. A hand-off thread that waited for the answer would have sent the ninth
     * only once the first was answered.
     */
    @Test
    void pushesOfABatchAreAtTheBackendTogetherNotOneAHandOffThread() throws Exception {
        int pushes = handOffThreads + 4;
        Duration answerAfter = Duration.ofSeconds(5);
        String marker = "\"customerId\":\"C-PUSH-BURST-";
        PUSH.stubFor(WireMock.post(urlEqualTo(PUSH_PATH)).withRequestBody(containing(marker))
                .willReturn(aResponse().withStatus(200).withFixedDelay((int) answerAfter.toMillis())));
        camel.getRouteController().stopRoute(PUSH_ROUTE, 10, TimeUnit.SECONDS);
        try {
            for (int i = 1; i <= pushes; i++) {
                choosePush("C-PUSH-BURST-" + i, "{\"channels\": {\"push\": true}}");
                assertThat(post("/api/v1/intake/oms", SamplePayloads.omsOrder("SO-PUSH-BURST-" + i,
                        "C-PUSH-BURST-" + i, "push.burst" + i + "@example.com", "+49151123401" + (10 + i), "en",
                        "both", 5)).statusCode()).isEqualTo(202);
            }
            await().atMost(WAIT).until(() -> jdbc.queryForObject("SELECT COUNT(*) FROM notification WHERE channel = "
                    + "'push' AND order_id LIKE 'SO-PUSH-BURST-%' AND state = 'DECIDED'", Integer.class) == pushes);
        } finally {
            camel.getRouteController().startRoute(PUSH_ROUTE);
        }

        await().atMost(WAIT).until(() -> PUSH.findAll(postRequestedFor(urlEqualTo(PUSH_PATH))
                .withRequestBody(containing(marker))).size() == pushes);
        List<Instant> received = PUSH.findAll(postRequestedFor(urlEqualTo(PUSH_PATH))
                .withRequestBody(containing(marker))).stream().map(r -> r.getLoggedDate().toInstant()).sorted().toList();
        assertThat(Duration.between(received.get(0), received.get(pushes - 1)))
                .as("every push was at the backend before its first answer").isLessThan(answerAfter);
        await().atMost(WAIT).until(() -> jdbc.queryForObject("SELECT COUNT(*) FROM notification WHERE channel = "
                + "'push' AND order_id LIKE 'SO-PUSH-BURST-%' AND state = 'SENT'", Integer.class) == pushes);
    }

    /**
     * A push the backend fails alone (a 500 for this message while it takes the others of its batch) is set aside for
     * the republish sweep after three tries, and the channel goes on. Before, it was retried in place for the
     * channel's whole budget (about 13 minutes by default) while its batch, and every push after it, waited; here,
     * with the ITs' short budget, until it failed to the dead letter.
     */
    @Test
    void aPushTheBackendFailsAloneIsSetAsideWhileTheChannelGoesOn() throws Exception {
        String alone = "\"customerId\":\"C-PUSH-ALONE\"";
        String others = "\"customerId\":\"C-PUSH-BESIDE-";
        PUSH.stubFor(WireMock.post(urlEqualTo(PUSH_PATH)).withRequestBody(containing(alone))
                .inScenario("one-message").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(500).withBody("{\"error\": \"internal\"}")));
        PUSH.stubFor(WireMock.post(urlEqualTo(PUSH_PATH)).withRequestBody(containing(alone))
                .inScenario("one-message").whenScenarioStateIs("mended")
                .willReturn(aResponse().withStatus(200).withBody("{\"accepted\": true}")));
        // the others are answered after the failing one's first 500, as in a batch of many
        PUSH.stubFor(WireMock.post(urlEqualTo(PUSH_PATH)).withRequestBody(containing(others))
                .willReturn(aResponse().withStatus(200).withBody("{\"accepted\": true}").withFixedDelay(300)));
        choosePush("C-PUSH-ALONE", "{\"channels\": {\"push\": true}}");
        for (int i = 1; i <= 4; i++) {
            choosePush("C-PUSH-BESIDE-" + i, "{\"channels\": {\"push\": true}}");
        }
        // the failing push and three others in one batch
        camel.getRouteController().stopRoute(PUSH_ROUTE, 10, TimeUnit.SECONDS);
        try {
            order("SO-PUSH-ALONE", "C-PUSH-ALONE", 0);
            for (int i = 1; i <= 3; i++) {
                order("SO-PUSH-BESIDE-" + i, "C-PUSH-BESIDE-" + i, i);
            }
            await().atMost(WAIT).until(() -> jdbc.queryForObject("SELECT COUNT(*) FROM notification WHERE channel = "
                    + "'push' AND (order_id = 'SO-PUSH-ALONE' OR order_id LIKE 'SO-PUSH-BESIDE-%') AND state = "
                    + "'DECIDED'", Integer.class) == 4);
        } finally {
            camel.getRouteController().startRoute(PUSH_ROUTE);
        }

        await().atMost(WAIT).until(() -> deferralsOfPush("SO-PUSH-ALONE") == 1);
        assertThat(pushOf("SO-PUSH-ALONE").get("STATE")).isEqualTo("DECIDED");
        int tries = PUSH.findAll(postRequestedFor(urlEqualTo(PUSH_PATH)).withRequestBody(containing(alone))).size();
        assertThat(tries).as("three tries in place, while the backend took the others (a fourth if their answers came "
                + "late)").isBetween(3, 4);
        assertThat(jdbc.queryForObject("SELECT failure_reason FROM notification WHERE order_id = 'SO-PUSH-ALONE' "
                + "AND channel = 'push'", String.class)).contains("500");
        // the channel goes on: a push after it is sent while it waits for the sweep
        order("SO-PUSH-BESIDE-4", "C-PUSH-BESIDE-4", 4);
        await().atMost(WAIT).until(() -> "SENT".equals(pushOf("SO-PUSH-BESIDE-4").get("STATE")));
        for (int i = 1; i <= 3; i++) {
            assertThat(pushOf("SO-PUSH-BESIDE-" + i).get("STATE")).isEqualTo("SENT");
        }

        // as if herald.notifications.republish-after (2 minutes) had passed, the backend mended
        PUSH.setScenarioState("one-message", "mended");
        jdbc.update("UPDATE notification SET updated_at = DATEADD(MINUTE, -3, updated_at) "
                + "WHERE order_id = 'SO-PUSH-ALONE' AND channel = 'push'");
        camel.createProducerTemplate().sendBody("direct:notifications-publish", decisions.republishStale("2m"));
        await().atMost(WAIT).until(() -> "SENT".equals(pushOf("SO-PUSH-ALONE").get("STATE")));
        assertThat(PUSH.findAll(postRequestedFor(urlEqualTo(PUSH_PATH)).withRequestBody(containing(alone))))
                .hasSize(tries + 1);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM dead_letter WHERE stage = 'push-notifications-send' "
                + "AND payload LIKE '%SO-PUSH-ALONE%'",
                Integer.class)).isZero();
    }

    @Test
    void customerWhoSwitchedPushOffGetsNone() {
        choosePush("C-PUSH-3", "{\"channels\": {\"push\": true}}");
        choosePush("C-PUSH-3", "{\"channels\": {\"push\": false}}");

        post("/api/v1/intake/oms", SamplePayloads.omsOrder("SO-PUSH-3", "C-PUSH-3", "push.three@example.com",
                "+4915112340093", "en", "both", 5));

        await().atMost(WAIT).until(() -> notificationsOf("SO-PUSH-3").stream()
                .anyMatch(n -> "email".equals(n.get("CHANNEL")) && "SENT".equals(n.get("STATE"))));
        assertThat(notificationsOf("SO-PUSH-3")).extracting(n -> n.get("CHANNEL")).doesNotContain("push");
        assertThat(PUSH.findAll(postRequestedFor(urlEqualTo(PUSH_PATH))
                .withRequestBody(containing("\"customerId\":\"C-PUSH-3\"")))).isEmpty();
    }

    /** The check docs/channels-push.md asks of the app backend: signature over timestamp.body, at most 5 min old. */
    private static void assertSignedRecently(LoggedRequest request) throws Exception {
        String timestamp = request.getHeader("X-Herald-Timestamp");
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(PUSH_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = "v1=" + HexFormat.of().formatHex(mac.doFinal((timestamp + "." + request.getBodyAsString())
                .getBytes(StandardCharsets.UTF_8)));
        assertThat(MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                request.getHeader("X-Herald-Signature").getBytes(StandardCharsets.UTF_8))).isTrue();
        assertThat(Duration.between(Instant.ofEpochSecond(Long.parseLong(timestamp)),
                request.getLoggedDate().toInstant()).abs()).isLessThan(Duration.ofMinutes(5));
    }

    private void order(String orderId, String customerId, int n) {
        assertThat(post("/api/v1/intake/oms", SamplePayloads.omsOrder(orderId, customerId,
                orderId.toLowerCase() + "@example.com", "+49151123402" + (10 + n), "en", "both", 5)).statusCode())
                .isEqualTo(202);
    }

    private int deferralsOfPush(String orderId) {
        return jdbc.queryForList("SELECT deferrals FROM notification WHERE order_id = ? AND channel = 'push'",
                Integer.class, orderId).stream().findFirst().orElse(0);
    }

    private Map<String, Object> pushOf(String orderId) {
        return jdbc.queryForList("SELECT id, state FROM notification WHERE order_id = ? AND channel = 'push'",
                orderId).stream().findFirst().orElse(Map.of());
    }

    private void choosePush(String customerId, String preferences) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + port + "/api/v1/customers/" + customerId + "/preferences"))
                    .header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString(preferences)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
