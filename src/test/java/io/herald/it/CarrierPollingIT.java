package io.herald.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.moreThanOrExactly;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.herald.UpsTrackingNumbers;
import io.herald.tracking.CarrierPolls;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Carrier polling end to end: CARRIERS (WireMock) serves each carrier's token endpoint and Track API with answers
 * written by us in the documented formats (docs/sources/&lt;carrier&gt;.md); the answers go through the carriers'
 * mappings, Kafka and the decide stage into the shipment state. Each test uses its own carrier, because a carrier's
 * token and pause are shared by the whole application. Polling runs only while this class runs: the base class keeps
 * its timer route from starting with Camel, and this class starts it for each of its tests and stops it after.
 */
class CarrierPollingIT extends HeraldIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final DateTimeFormatter UPS_DATE = DateTimeFormatter.ofPattern("yyyyMMdd");
    private static final DateTimeFormatter UPS_TIME = DateTimeFormatter.ofPattern("HHmmss");

    @Autowired
    private MeterRegistry meters;

    @Autowired
    private CarrierPolls polls;

    private final ObjectMapper json = new ObjectMapper();

    /** Per test, not per class: Camel itself starts only before the first test method of the first class. */
    @BeforeEach
    void startPolling() throws Exception {
        camel.getRouteController().startRoute(POLL_ROUTE);
    }

    @AfterEach
    void stopPolling() throws Exception {
        camel.getRouteController().stopRoute(POLL_ROUTE, 10, TimeUnit.SECONDS);
    }

    private static String suffix() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 10).toUpperCase();
    }

    private static OffsetDateTime minutesAgo(int minutes) {
        return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS).minusMinutes(minutes);
    }

    @Test
    void upsShipmentIsPolledWithOneCachedTokenAndItsOutForDeliveryScanNotifiesTheCustomer() throws Exception {
        String orderId = "SO-POLL-" + suffix();
        String tracking = UpsTrackingNumbers.of("POLL0" + suffix());
        String email = "poll-" + suffix().toLowerCase() + "@example.com";
        double tokensBefore = tokenFetches("ups");
        // before UPS issues tokens (only this test stubs its token endpoint): the poll fails, is recorded with a
        // backoff, and holds up nothing
        String early = "1ZEARLY" + suffix();
        insertShipment("ups", early, "IN_TRANSIT", minutesAgo(30));
        await().atMost(WAIT).until(() -> "FAILED".equals(pollOf("ups", early).get("last_outcome")));
        assertThat(pollOf("ups", early)).containsEntry("last_error",
                "TokenException: ups token endpoint answered HTTP 404");
        assertThat(((Number) pollOf("ups", early).get("consecutive_failures")).intValue()).isEqualTo(1);
        assertThat(sourceHealth("ups").path("lastFailureReason").asText())
                .as("the failed poll shows in the carrier's source health").isEqualTo("POLL_FAILED");

        CARRIERS.stubFor(WireMock.post(urlEqualTo("/ups/security/v1/oauth/token"))
                .withHeader("Authorization", equalTo("Basic aXQtdXBzLWNsaWVudDppdC11cHMtc2VjcmV0"))
                .withRequestBody(equalTo("grant_type=client_credentials"))
                .willReturn(okJson("""
                        {"token_type": "Bearer", "issued_at": "1741597200000", "client_id": "it-ups-client",
                         "access_token": "it-ups-token", "expires_in": "14399", "refresh_count": "0",
                         "status": "approved"}""")));
        CARRIERS.stubFor(WireMock.get(urlPathEqualTo("/ups/api/track/v1/details/" + tracking))
                .withHeader("Authorization", equalTo("Bearer it-ups-token"))
                .withHeader("transId", matching("[0-9a-f]{32}"))
                .withHeader("transactionSrc", equalTo("herald"))
                .willReturn(okJson(upsOutForDelivery(tracking, minutesAgo(3)))));

        assertThat(post("/api/v1/intake/oms", SamplePayloads.omsOrder(orderId, "C-" + orderId, email,
                "+4915112349901", "en", "email", 300)).statusCode()).isEqualTo(202);
        publishWms(tracking, SamplePayloads.wmsShipped(orderId, tracking, 60));

        await().atMost(WAIT).until(() -> "OUT_FOR_DELIVERY".equals(statusOf("ups", tracking)));
        await().atMost(WAIT).until(() -> notificationsOf(orderId).stream()
                .anyMatch(n -> "out_for_delivery".equals(n.get("type")) && "SENT".equals(n.get("state"))));
        RequestPatternBuilder trackCalls = getRequestedFor(urlPathEqualTo("/ups/api/track/v1/details/" + tracking));
        await().atMost(WAIT).until(() -> CARRIERS.countRequestsMatching(trackCalls.build()).getCount() >= 3);

        assertThat(tokenFetches("ups")).as("one token for every poll").isEqualTo(tokensBefore + 1);
        assertThat(notificationsOf(orderId)).filteredOn(n -> "out_for_delivery".equals(n.get("type")))
                .as("polling the same scan again notifies nobody twice").hasSize(1);
        assertThat(mailsTo(email)).isNotEmpty();
    }

    @Test
    void fedexTokenRefusedWith401IsRenewedOnceAndThePollGoesThrough() {
        String tracking = "7946" + Math.abs(UUID.randomUUID().getMostSignificantBits() % 100_000_000L);
        double tokensBefore = tokenFetches("fedex");
        CARRIERS.stubFor(WireMock.post(urlEqualTo("/fedex/oauth/token")).inScenario("fedex-tokens")
                .whenScenarioStateIs(Scenario.STARTED)
                .withRequestBody(equalTo("grant_type=client_credentials&client_id=it-fedex-client"
                        + "&client_secret=it-fedex-secret"))
                .willReturn(okJson(fedexToken("it-fedex-revoked"))).willSetStateTo("renewed"));
        CARRIERS.stubFor(WireMock.post(urlEqualTo("/fedex/oauth/token")).inScenario("fedex-tokens")
                .whenScenarioStateIs("renewed")
                .willReturn(okJson(fedexToken("it-fedex-renewed"))));
        CARRIERS.stubFor(WireMock.post(urlEqualTo("/fedex/track/v1/trackingnumbers"))
                .withHeader("Authorization", equalTo("Bearer it-fedex-revoked"))
                .withRequestBody(matchingJsonPath("$.trackingInfo[0].trackingNumberInfo.trackingNumber",
                        equalTo(tracking)))
                .willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json").withBody("""
                        {"transactionId": "it-1", "errors": [{"code": "NOT.AUTHORIZED.ERROR",
                         "message": "Access token expired. Please modify your request and try again."}]}""")));
        CARRIERS.stubFor(WireMock.post(urlEqualTo("/fedex/track/v1/trackingnumbers"))
                .withHeader("Authorization", equalTo("Bearer it-fedex-renewed"))
                .withRequestBody(equalToJson("""
                        {"includeDetailedScans": true,
                         "trackingInfo": [{"trackingNumberInfo": {"trackingNumber": "%s"}}]}""".formatted(tracking)))
                .willReturn(okJson(fedexInTransit(tracking, minutesAgo(20)))));

        insertShipment("fedex", tracking, "INFO_RECEIVED", minutesAgo(120));

        await().atMost(WAIT).until(() -> "IN_TRANSIT".equals(statusOf("fedex", tracking)));
        assertThat(tokenFetches("fedex")).as("the refused token is replaced once").isEqualTo(tokensBefore + 2);
        CARRIERS.verify(1, postRequestedFor(urlEqualTo("/fedex/track/v1/trackingnumbers"))
                .withHeader("Authorization", equalTo("Bearer it-fedex-revoked"))
                .withRequestBody(matchingJsonPath("$.trackingInfo[0].trackingNumberInfo.trackingNumber",
                        equalTo(tracking))));
    }

    @Test
    void deliveredShipmentIsNoLongerPolled() {
        String tracking = "9400" + Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000_000L);
        double tokensBefore = tokenFetches("usps");
        CARRIERS.stubFor(WireMock.post(urlEqualTo("/usps/oauth2/v3/token"))
                .willReturn(okJson("""
                        {"access_token": "it-usps-token", "token_type": "Bearer", "issued_at": 1741597200000,
                         "expires_in": 28799, "status": "approved", "scope": "tracking",
                         "issuer": "api.usps.com", "client_id": "it-usps-client"}""")));
        CARRIERS.stubFor(WireMock.get(urlEqualTo("/usps/tracking/v3/tracking/" + tracking + "?expand=DETAIL"))
                .withHeader("Authorization", equalTo("Bearer it-usps-token"))
                .willReturn(okJson(uspsDelivered(tracking, minutesAgo(5)))));
        RequestPatternBuilder trackCalls = getRequestedFor(urlPathEqualTo("/usps/tracking/v3/tracking/" + tracking));

        insertShipment("usps", tracking, "OUT_FOR_DELIVERY", minutesAgo(90));

        await().atMost(WAIT).until(() -> "DELIVERED".equals(statusOf("usps", tracking)));
        long polledSoFar = CARRIERS.countRequestsMatching(trackCalls.build()).getCount();
        // every second while active; once delivered, at most one poll that was already under way when the state moved
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                .until(() -> CARRIERS.countRequestsMatching(trackCalls.build()).getCount() <= polledSoFar + 1);
        assertThat(tokenFetches("usps")).as("one token for every poll").isEqualTo(tokensBefore + 1);
        CARRIERS.verify(moreThanOrExactly(1), postRequestedFor(urlEqualTo("/usps/oauth2/v3/token"))
                .withRequestBody(equalTo(
                        "grant_type=client_credentials&client_id=it-usps-client&client_secret=it-usps-secret")));
    }

    @Test
    void rateLimitedCarrierIsPausedWithAllItsShipmentsUntilItsRetryAfter() {
        String suffix = suffix();
        String first = "JJDA" + suffix;
        String second = "JJDB" + suffix;
        CARRIERS.stubFor(WireMock.get(urlEqualTo("/dhl/track/shipments?trackingNumber=" + first))
                .withHeader("DHL-API-Key", equalTo("it-dhl-key"))
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "120")
                        .withHeader("Content-Type", "application/problem+json").withBody("""
                                {"title": "Too many requests", "status": 429,
                                 "detail": "The request limit of the API key is used up."}""")));
        CARRIERS.stubFor(WireMock.get(urlEqualTo("/dhl/track/shipments?trackingNumber=" + second))
                .withHeader("DHL-API-Key", equalTo("it-dhl-key"))
                .willReturn(okJson(dhlInTransit(second, minutesAgo(15)))));
        Instant before = Instant.now();
        double rateLimitedBefore = polls("dhl", "rate_limited");

        // one statement, so both are due together; the first in tracking-number order is polled first
        jdbc.update("INSERT INTO shipment (carrier, tracking_number, status, last_event_at, updated_at) "
                + "VALUES ('dhl', ?, 'IN_TRANSIT', ?, ?), ('dhl', ?, 'IN_TRANSIT', ?, ?)",
                first, minutesAgo(60), minutesAgo(60), second, minutesAgo(60), minutesAgo(60));

        await().atMost(WAIT).until(() -> CARRIERS.countRequestsMatching(
                getRequestedFor(urlEqualTo("/dhl/track/shipments?trackingNumber=" + first)).build()).getCount() >= 1);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).until(() -> CARRIERS.countRequestsMatching(
                getRequestedFor(urlEqualTo("/dhl/track/shipments?trackingNumber=" + second)).build())
                .getCount() == 0);

        assertThat(polls.pausedUntil("dhl")).isBetween(before.plusSeconds(119), Instant.now().plusSeconds(121));
        Map<String, Object> limited = jdbc.queryForMap("SELECT last_outcome, next_poll_at FROM tracking_poll "
                + "WHERE carrier = 'dhl' AND tracking_number = ?", first);
        assertThat(limited.get("last_outcome")).isEqualTo("RATE_LIMITED");
        assertThat(statusOf("dhl", second)).isEqualTo("IN_TRANSIT");
        assertThat(polls("dhl", "rate_limited")).isEqualTo(rateLimitedBefore + 1);
    }

    private String statusOf(String carrier, String tracking) {
        List<String> status = jdbc.queryForList("SELECT status FROM shipment WHERE carrier = ? AND tracking_number = ?",
                String.class, carrier, tracking);
        return status.isEmpty() ? null : status.get(0);
    }

    private Map<String, Object> pollOf(String carrier, String tracking) {
        List<Map<String, Object>> rows = jdbc.queryForList("SELECT last_outcome, consecutive_failures, last_error "
                + "FROM tracking_poll WHERE carrier = ? AND tracking_number = ?", carrier, tracking);
        return rows.isEmpty() ? Map.of() : rows.get(0);
    }

    private void insertShipment(String carrier, String tracking, String status, OffsetDateTime lastEventAt) {
        jdbc.update("INSERT INTO shipment (carrier, tracking_number, status, last_event_at, updated_at) "
                + "VALUES (?, ?, ?, ?, ?)", carrier, tracking, status, lastEventAt, lastEventAt);
    }

    private double polls(String carrier, String outcome) {
        Counter polled = meters.find("herald.carrier.polls").tag("carrier", carrier).tag("outcome", outcome).counter();
        return polled == null ? 0 : polled.count();
    }

    private JsonNode sourceHealth(String source) throws Exception {
        return json.readTree(get("/actuator/health").body()).path("components").path("sources").path("details")
                .path(source);
    }

    private double tokenFetches(String carrier) {
        Counter fetched = meters.find("herald.carrier.tokens").tag("carrier", carrier).tag("outcome", "fetched")
                .counter();
        return fetched == null ? 0 : fetched.count();
    }

    private static String fedexToken(String token) {
        return """
                {"access_token": "%s", "token_type": "bearer", "expires_in": 3599, "scope": "CXS"}"""
                .formatted(token);
    }

    /** UPS Track API v1: one package, its newest activity "Out For Delivery Today" (type I, code OT). */
    private static String upsOutForDelivery(String tracking, OffsetDateTime at) {
        OffsetDateTime earlier = at.minusHours(5);
        return """
                {"trackResponse": {"shipment": [{"inquiryNumber": "%1$s", "package": [{
                  "trackingNumber": "%1$s",
                  "packageAddress": [{"type": "DESTINATION", "address": {"city": "Berlin", "countryCode": "DE"}}],
                  "activity": [
                    {"location": {"address": {"city": "Berlin", "countryCode": "DE", "country": "DE"}},
                     "status": {"type": "I", "code": "OT", "description": "Out For Delivery Today",
                                "statusCode": "021"},
                     "date": "%2$s", "time": "%3$s", "gmtDate": "%2$s", "gmtTime": "%3$s", "gmtOffset": "+00:00"},
                    {"location": {"address": {"city": "Leipzig", "countryCode": "DE", "country": "DE"}},
                     "status": {"type": "I", "code": "DP", "description": "Departed from Facility",
                                "statusCode": "005"},
                     "date": "%4$s", "time": "%5$s", "gmtDate": "%4$s", "gmtTime": "%5$s", "gmtOffset": "+00:00"}
                  ]}]}]}}""".formatted(tracking, UPS_DATE.format(at), UPS_TIME.format(at), UPS_DATE.format(earlier),
                UPS_TIME.format(earlier));
    }

    /** FedEx Track API: one trackResult, its newest scan "Departed FedEx hub" (DP). */
    private static String fedexInTransit(String tracking, OffsetDateTime at) {
        return """
                {"transactionId": "it-2", "output": {"completeTrackResults": [{"trackingNumber": "%1$s",
                  "trackResults": [{"trackingNumberInfo": {"trackingNumber": "%1$s", "carrierCode": "FDXE"},
                    "latestStatusDetail": {"code": "IT", "derivedCode": "IT", "statusByLocale": "In transit",
                                           "description": "In transit"},
                    "scanEvents": [{"date": "%2$s", "eventType": "DP", "eventDescription": "Departed FedEx hub",
                                    "exceptionCode": "", "exceptionDescription": "",
                                    "scanLocation": {"city": "MEMPHIS", "stateOrProvinceCode": "TN",
                                                     "countryCode": "US"},
                                    "derivedStatusCode": "IT"}]}]}]}}""".formatted(tracking, iso(at));
    }

    /** USPS Tracking API v3 with expand=DETAIL: delivered (event code 01). */
    private static String uspsDelivered(String tracking, OffsetDateTime at) {
        return """
                {"trackingNumber": "%1$s", "statusCategory": "Delivered", "status": "Delivered, Front Door/Porch",
                 "mailClass": "Priority Mail",
                 "trackingEvents": [
                   {"eventType": "Delivered, Front Door/Porch", "eventTimestamp": "%2$s", "eventCountry": null,
                    "eventCity": "TULSA", "eventState": "OK", "eventZIP": "74103", "eventCode": "01",
                    "GMTTimestamp": "%3$s", "GMTOffset": "-05:00"}]}"""
                .formatted(tracking, DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(
                        at.withOffsetSameInstant(ZoneOffset.ofHours(-5))), iso(at));
    }

    /** DHL Shipment Tracking - Unified: one parcel-de shipment in transit. */
    private static String dhlInTransit(String tracking, OffsetDateTime at) {
        return """
                {"shipments": [{"id": "%1$s", "service": "parcel-de",
                  "status": {"timestamp": "%2$s", "statusCode": "transit", "status": "IN TRANSIT",
                             "description": "The shipment has been processed in the parcel center.",
                             "location": {"address": {"countryCode": "DE", "addressLocality": "Leipzig"}}},
                  "events": [{"timestamp": "%2$s", "statusCode": "transit", "status": "IN TRANSIT",
                              "description": "The shipment has been processed in the parcel center.",
                              "location": {"address": {"countryCode": "DE", "addressLocality": "Leipzig"}}}]}]}"""
                .formatted(tracking, iso(at));
    }

    private static String iso(OffsetDateTime at) {
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(at);
    }
}
