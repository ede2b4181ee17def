package io.herald.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.herald.it.DecidePayloads.minutesAgo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.herald.it.DecidePayloads.Scan;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The decide stage on real Kafka and GreenMail, without hold or quiet hours (DecideTimingIT has those): customers
 * known late, the same scan from three ways in, out-of-order news, preferences, the cap, repeats and derived types.
 * Every test has its own orders, tracking numbers and recipients, and waits on them.
 */
class DecideJourneyIT extends HeraldIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private final ObjectMapper json = new ObjectMapper();


    /** An order for an email-only customer, confirmed once its mail arrives. */
    private void orderFor(String orderId, String email) {
        assertThat(post("/api/v1/intake/oms", SamplePayloads.omsOrder(orderId, "C-" + orderId, email,
                "+4915112349999", "en", "email", 600)).statusCode()).isEqualTo(202);
    }

    private void shipped(String orderId, String trackingNumber) {
        publishWms(trackingNumber, SamplePayloads.wmsShipped(orderId, trackingNumber, 300));
    }


    private JsonNode trace(String trackingNumber) throws Exception {
        var answer = get("/api/v1/shipments/ups/" + trackingNumber);
        assertThat(answer.statusCode()).isEqualTo(200);
        return json.readTree(answer.body());
    }


    @Test
    void shipmentBeforeItsOrderStillNotifiesOnceTheCustomerIsKnown() throws Exception {
        // a fast warehouse: each order posted right before its own shipment, which comes in on another Kafka key
        int orders = 20;
        ExecutorService senders = Executors.newFixedThreadPool(4);
        List<Future<?>> sent = new ArrayList<>();
        List<String> emails = new ArrayList<>();
        List<String> trackings = new ArrayList<>();
        for (int i = 0; i < orders; i++) {
            String orderId = "SO-FAST-" + i + "-" + SEQUENCE.incrementAndGet();
            String email = "fast." + orderId.toLowerCase() + "@example.com";
            String trackingNumber = trackingNumber("FAST");
            emails.add(email);
            trackings.add(trackingNumber);
            sent.add(senders.submit(() -> {
                shipped(orderId, trackingNumber);
                orderFor(orderId, email);
            }));
        }
        for (Future<?> f : sent) {
            f.get(60, TimeUnit.SECONDS);
        }
        senders.shutdown();

        await().atMost(WAIT).untilAsserted(() -> assertThat(emails).allSatisfy(email ->
                assertThat(subjectsTo(email)).hasSize(2)));
        for (int i = 0; i < orders; i++) {
            assertThat(subjectsTo(emails.get(i))).anyMatch(s -> s.endsWith("is on its way"))
                    .anyMatch(s -> s.endsWith("is confirmed"));
            assertThat(decisionsOf(trackings.get(i))).extracting(d -> d.get("STATE")).containsExactly("DECIDED");
        }
    }

    @Test
    void sameScanFromWebhookPollAndAggregatorSendsOnce() throws Exception {
        String orderId = "SO-SAME-" + SEQUENCE.incrementAndGet();
        String email = "same." + orderId.toLowerCase() + "@example.com";
        String trackingNumber = trackingNumber("SAME");
        orderFor(orderId, email);
        shipped(orderId, trackingNumber);
        await().atMost(WAIT).until(() -> subjectsTo(email).size() == 2);
        OffsetDateTime scan = minutesAgo(20);
        createTopics("herald.in.ups");
        var delivering = decidedFor(trackingNumber, 3);

        // the carrier's own webhook, its Track API as a poll answers it, and an aggregator: three wordings
        assertThat(post("/api/v1/intake/ups-track-alert", upsTrackAlert(trackingNumber, scan)).statusCode())
                .isEqualTo(202);
        publish("herald.in.ups", trackingNumber, upsTrackResponse(trackingNumber, scan));
        assertThat(post("/api/v1/intake/easypost", DecidePayloads.easypost(trackingNumber, null, List.of(
                Scan.of("out_for_delivery", "out_for_delivery", "Loaded on delivery vehicle", scan)))).statusCode())
                .isEqualTo(202);

        assertThat(delivering.matches(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        await().atMost(WAIT).until(() -> subjectsTo(email).size() >= 3);
        assertThat(subjectsTo(email)).filteredOn(s -> s.endsWith("arrives today")).hasSize(1);
        assertThat(decisionsOf(trackingNumber)).extracting(d -> d.get("TYPE"))
                .containsExactly("shipped", "out_for_delivery");
        JsonNode timeline = trace(trackingNumber).get("timeline");
        assertThat(timeline.findValuesAsText("status")).containsExactly("IN_TRANSIT", "OUT_FOR_DELIVERY");
    }

    @Test
    void olderEventAfterDeliveredSendsNothing() throws Exception {
        String orderId = "SO-OLD-" + SEQUENCE.incrementAndGet();
        String email = "old." + orderId.toLowerCase() + "@example.com";
        String trackingNumber = trackingNumber("OLDNEWS");
        orderFor(orderId, email);
        shipped(orderId, trackingNumber);
        await().atMost(WAIT).until(() -> decisionsOf(trackingNumber).size() == 1);
        assertThat(post("/api/v1/intake/easypost", DecidePayloads.easypost(trackingNumber, null, List.of(
                Scan.of("delivered", "arrived_at_destination", "Delivered", minutesAgo(10))))).statusCode())
                .isEqualTo(202);
        await().atMost(WAIT).until(() -> subjectsTo(email).contains("Your order " + orderId + " was delivered"));

        // a scan from before the delivery arrives late
        assertThat(post("/api/v1/intake/aftership", aftershipInTransit(trackingNumber, minutesAgo(120)))
                .statusCode()).isEqualTo(202);

        // its timeline entry commits in the same transaction as whatever the decide stage decided for it (a
        // NotifyBuilder on events-consume could count another record of this shipment, still finishing its batch)
        await().atMost(WAIT).until(() -> trace(trackingNumber).get("timeline").findValuesAsText("source")
                .contains("aftership"));
        assertThat(trace(trackingNumber).at("/state/status").asText()).isEqualTo("DELIVERED");
        assertThat(decisionsOf(trackingNumber)).extracting(d -> d.get("TYPE")).containsExactly("shipped",
                "delivered");
    }

    @Test
    void optedOutOfShippedStillGetsDelayedByEmail() throws Exception {
        String orderId = "SO-OPT-" + SEQUENCE.incrementAndGet();
        String email = "opt." + orderId.toLowerCase() + "@example.com";
        String trackingNumber = trackingNumber("OPTOUT");
        orderFor(orderId, email);
        await().atMost(WAIT).until(() -> subjectsTo(email).size() == 1);
        var put = put("/api/v1/customers/C-" + orderId + "/preferences",
                "{\"types\": {\"shipped\": {\"email\": false, \"sms\": false}, \"delayed\": {\"email\": true}}}");
        assertThat(put.statusCode()).isEqualTo(200);
        var decided = decidedFor(trackingNumber, 2);

        shipped(orderId, trackingNumber);
        await().atMost(WAIT).until(() -> decisionsOf(trackingNumber).size() == 1);
        assertThat(post("/api/v1/intake/easypost", DecidePayloads.easypost(trackingNumber,
                minutesAgo(-3 * 24 * 60), List.of(
                        Scan.of("in_transit", "weather_delay", "Severe weather in the area", minutesAgo(5)))))
                .statusCode()).isEqualTo(202);

        assertThat(decided.matches(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        await().atMost(WAIT).until(() -> subjectsTo(email).size() == 2);
        MimeMessage delay = mailsTo(email).get(1);
        assertThat(delay.getSubject()).doesNotEndWith("is on its way");
        assertThat(NotificationJourneyIT.parts(delay).get("text/plain")).containsIgnoringCase("weather");
        assertThat(decisionsOf(trackingNumber)).extracting(d -> d.get("TYPE"), d -> d.get("STATE"))
                .containsExactly(org.assertj.core.groups.Tuple.tuple("shipped", "SUPPRESSED"),
                        org.assertj.core.groups.Tuple.tuple("delayed", "DECIDED"));
    }

    @Test
    void secondAttemptAnnouncesOutForDeliveryAgain() throws Exception {
        String orderId = "SO-AGAIN-" + SEQUENCE.incrementAndGet();
        String email = "again." + orderId.toLowerCase() + "@example.com";
        String trackingNumber = trackingNumber("AGAIN");
        orderFor(orderId, email);
        shipped(orderId, trackingNumber);
        await().atMost(WAIT).until(() -> subjectsTo(email).size() == 2);

        easypost(trackingNumber, Scan.of("out_for_delivery", "out_for_delivery", "Out for delivery", minutesAgo(90)));
        await().atMost(WAIT).until(() -> subjectsTo(email).size() == 3);
        easypost(trackingNumber, Scan.of("in_transit", "attempted_delivery", "No one home", minutesAgo(60)));
        await().atMost(WAIT).until(() -> subjectsTo(email).size() == 4);
        easypost(trackingNumber, Scan.of("out_for_delivery", "out_for_delivery", "Out for delivery", minutesAgo(5)));
        await().atMost(WAIT).until(() -> subjectsTo(email).size() == 5);

        assertThat(decisionsOf(trackingNumber)).extracting(d -> d.get("TYPE")).containsExactly("shipped",
                "out_for_delivery", "attempt_failed", "out_for_delivery");
        assertThat(subjectsTo(email)).filteredOn(s -> s.endsWith("arrives today")).hasSize(2);
    }

    @Test
    void etaMovedToAnotherDayNotifiesEtaChangedLater() throws Exception {
        String orderId = "SO-ETA-" + SEQUENCE.incrementAndGet();
        String email = "eta." + orderId.toLowerCase() + "@example.com";
        String trackingNumber = trackingNumber("ETALATE");
        orderFor(orderId, email);
        OffsetDateTime firstEta = minutesAgo(-2 * 24 * 60);
        OffsetDateTime laterEta = firstEta.plusDays(2);
        assertThat(post("/api/v1/intake/easypost", DecidePayloads.easypost(trackingNumber, firstEta, List.of(
                Scan.of("in_transit", "departed_facility", "Departed", minutesAgo(60))))).statusCode()).isEqualTo(202);
        shipped(orderId, trackingNumber);
        await().atMost(WAIT).until(() -> subjectsTo(email).size() == 2);

        assertThat(post("/api/v1/intake/easypost", DecidePayloads.easypost(trackingNumber, laterEta, List.of(
                Scan.of("in_transit", "arrived_at_facility", "Arrived", minutesAgo(5))))).statusCode()).isEqualTo(202);

        await().atMost(WAIT).until(() -> subjectsTo(email).size() == 3);
        String text = NotificationJourneyIT.parts(mailsTo(email).get(2)).get("text/plain");
        String localDay = laterEta.atZoneSameInstant(ZoneId.of("Europe/Berlin"))
                .format(DateTimeFormatter.ofPattern("d MMMM", java.util.Locale.ENGLISH));
        assertThat(text).contains(localDay).containsIgnoringCase("later");
        assertThat(decisionsOf(trackingNumber)).extracting(d -> d.get("TYPE")).containsExactly("shipped",
                "eta_changed");
    }

    @Test
    void fatigueCapSuppressesOptionalButNeverCritical() throws Exception {
        // one customer, seven shipments of one order: the seventh optional message of the day is one too many
        String orderId = "SO-CAP-" + SEQUENCE.incrementAndGet();
        String email = "cap." + orderId.toLowerCase() + "@example.com";
        orderFor(orderId, email);
        await().atMost(WAIT).until(() -> subjectsTo(email).size() == 1);
        List<String> trackings = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String trackingNumber = trackingNumber("CAP" + i);
            trackings.add(trackingNumber);
            shipped(orderId, trackingNumber);
            await().atMost(WAIT).until(() -> !decisionsOf(trackingNumber).isEmpty());
        }

        assertThat(trackings.subList(0, 5)).allSatisfy(t -> assertThat(decisionsOf(t))
                .extracting(d -> d.get("STATE")).containsExactly("DECIDED"));
        assertThat(decisionsOf(trackings.get(5))).singleElement().satisfies(d -> {
            assertThat(d.get("STATE")).isEqualTo("SUPPRESSED");
            assertThat((String) d.get("REASON")).contains("fatigue cap", "6 optional messages per customer");
        });
        easypost(trackings.get(5), Scan.of("in_transit", "damaged", "Package damaged", minutesAgo(2)));
        await().atMost(WAIT).until(() -> subjectsTo(email).size() == 7);
        assertThat(decisionsOf(trackings.get(5))).extracting(d -> d.get("TYPE"), d -> d.get("STATE"))
                .containsExactly(org.assertj.core.groups.Tuple.tuple("shipped", "SUPPRESSED"),
                        org.assertj.core.groups.Tuple.tuple("delayed", "DECIDED"));
    }

    @Test
    void criticalSmsRefusedByTwilioFallsBackToEmail() throws Exception {
        String orderId = "SO-FALL-" + SEQUENCE.incrementAndGet();
        String email = "fall." + orderId.toLowerCase() + "@example.com";
        String phone = "+4915112347" + String.format("%03d", SEQUENCE.incrementAndGet() % 1000);
        String trackingNumber = trackingNumber("FALLBACK");
        // a customer who wants SMS only
        assertThat(post("/api/v1/intake/oms", SamplePayloads.omsOrder(orderId, "C-" + orderId, email, phone, "en",
                "sms", 600)).statusCode()).isEqualTo(202);
        shipped(orderId, trackingNumber);
        await().atMost(WAIT).until(() -> decisionsOf(trackingNumber).size() == 1);
        assertThat(mailsTo(email)).as("optional news goes by SMS only").isEmpty();
        // then Twilio refuses the number's alert: error 21211, a permanent 400 (twilio.com/docs/errors/21211); had it
        // refused an SMS before, the number would be suppressed and the alert would go by email at once
        TWILIO.stubFor(WireMock.post(urlEqualTo(MESSAGES_PATH))
                .withRequestBody(WireMock.containing("To=" + java.net.URLEncoder.encode(phone,
                        java.nio.charset.StandardCharsets.UTF_8)))
                .withRequestBody(WireMock.containing("delayed"))
                .atPriority(1).willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                        .withBody("{\"code\": 21211, \"message\": \"The 'To' number is not a valid phone number.\", "
                                + "\"more_info\": \"https://www.twilio.com/docs/errors/21211\", \"status\": 400}")));

        easypost(trackingNumber, Scan.of("in_transit", "lost", "Package lost in transit", minutesAgo(3)));

        await().atMost(WAIT).until(() -> subjectsTo(email).size() == 1);
        assertThat(subjectsTo(email).get(0)).isEqualTo("Your order " + orderId + " is delayed");
        assertThat(decisionsOf(trackingNumber)).filteredOn(d -> "delayed".equals(d.get("TYPE"))).singleElement()
                .satisfies(d -> assertThat((String) d.get("REASON")).contains("sms failed", "21211",
                        "fallback to email"));
        // the mail server has the message before the attempt's SENT is committed: wait for the commit
        await().atMost(WAIT).untilAsserted(() -> assertThat(jdbc.queryForList("SELECT n.channel, n.state"
                + " FROM notification n JOIN decision d ON d.id = n.decision_id"
                + " WHERE d.tracking_number = ? AND d.type = 'delayed' ORDER BY channel", trackingNumber))
                .extracting(r -> r.get("CHANNEL") + ":" + r.get("STATE")).containsExactly("email:SENT", "sms:FAILED"));
        assertThat(jdbc.queryForList("SELECT error_code FROM sms_suppression WHERE phone = ?", Integer.class, phone))
                .as("the number Twilio refused is not tried again (DeliveryResilienceIT)").containsExactly(21211);
    }

    private void easypost(String trackingNumber, Scan scan) {
        assertThat(post("/api/v1/intake/easypost", DecidePayloads.easypost(trackingNumber, null, List.of(scan)))
                .statusCode()).isEqualTo(202);
    }

    private java.net.http.HttpResponse<String> put(String path, String body) {
        try {
            var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + path))
                    .header("Content-Type", "application/json")
                    .PUT(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build();
            return java.net.http.HttpClient.newHttpClient().send(request,
                    java.net.http.HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** UPS Track Alert's push: one activity, with its local and GMT times. */
    private static String upsTrackAlert(String trackingNumber, OffsetDateTime at) {
        var local = at.atZoneSameInstant(ZoneId.of("Europe/Berlin"));
        var gmt = at.atZoneSameInstant(java.time.ZoneOffset.UTC);
        return """
                {"trackingNumber": "%s", "localActivityDate": "%s", "localActivityTime": "%s",
                 "activityLocation": {"city": "Berlin", "postalCode": "10115", "country": "DE"},
                 "activityStatus": {"type": "O", "code": "OT", "description": "Out For Delivery Today"},
                 "gmtActivityDate": "%s", "gmtActivityTime": "%s"}
                """.formatted(trackingNumber, local.format(DateTimeFormatter.BASIC_ISO_DATE).substring(0, 8),
                local.format(DateTimeFormatter.ofPattern("HHmmss")),
                gmt.format(DateTimeFormatter.BASIC_ISO_DATE).substring(0, 8),
                gmt.format(DateTimeFormatter.ofPattern("HHmmss")));
    }

    /** UPS Track API's answer, as a poll fetches it. */
    private static String upsTrackResponse(String trackingNumber, OffsetDateTime at) {
        var local = at.atZoneSameInstant(ZoneId.of("Europe/Berlin"));
        var gmt = at.atZoneSameInstant(java.time.ZoneOffset.UTC);
        return """
                {"trackResponse": {"shipment": [{"inquiryNumber": "%1$s", "package": [{"trackingNumber": "%1$s",
                  "activity": [{"date": "%2$s", "time": "%3$s",
                    "location": {"address": {"city": "BERLIN", "countryCode": "DE", "country": "DE"}},
                    "status": {"type": "I", "code": "OT", "description": "Out For Delivery Today",
                               "statusCode": "021"},
                    "gmtDate": "%4$s", "gmtTime": "%5$s", "gmtOffset": "%6$s"}]}]}]}}
                """.formatted(trackingNumber, local.format(DateTimeFormatter.BASIC_ISO_DATE).substring(0, 8),
                local.format(DateTimeFormatter.ofPattern("HHmmss")),
                gmt.format(DateTimeFormatter.BASIC_ISO_DATE).substring(0, 8),
                gmt.format(DateTimeFormatter.ofPattern("HHmmss")), local.getOffset().getId());
    }

    /** An AfterShip tracking update (webhook v4) whose latest checkpoint is in transit. */
    private static String aftershipInTransit(String trackingNumber, OffsetDateTime at) {
        return """
                {"event": "tracking_update", "msg": {"id": "as-%1$s", "tracking_number": "%1$s", "slug": "ups",
                  "tag": "InTransit", "subtag": "InTransit_001",
                  "checkpoints": [{"checkpoint_time": "%2$s", "tag": "InTransit", "subtag": "InTransit_001",
                    "message": "Departed from facility", "city": "Leipzig", "country_iso3": "DEU"}]}}
                """.formatted(trackingNumber, at);
    }
}
