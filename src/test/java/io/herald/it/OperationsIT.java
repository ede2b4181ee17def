package io.herald.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.herald.UpsTrackingNumbers;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.apache.camel.support.ScheduledPollConsumer;
import org.junit.jupiter.api.Test;

/**
 * What an operator sees of a running Herald: the health endpoint, the Prometheus scrape, the Hawtio console and
 * Jolokia's view of the Camel MBeans. Uses the default run's security, where everything under /actuator is open.
 */
class OperationsIT extends HeraldIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(120);

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient browser = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NORMAL).build();

    @Test
    void healthIsUpAndReportsCamelDatabaseAndKafka() {
        await().atMost(WAIT).untilAsserted(() -> {
            HttpResponse<String> response = get("/actuator/health");
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            JsonNode health = json.readTree(response.body());
            assertThat(health.path("status").asText()).as(response.body()).isEqualTo("UP");
            JsonNode components = health.path("components");
            assertThat(components.path("camelHealth").path("status").asText()).as(response.body()).isEqualTo("UP");
            assertThat(components.path("db").path("status").asText()).as(response.body()).isEqualTo("UP");
            assertThat(components.path("db").path("details").path("database").asText()).isEqualTo("H2");
            assertThat(components.path("kafka").path("status").asText()).as(response.body()).isEqualTo("UP");
            assertThat(components.path("kafka").path("details").path("nodes").asInt()).isEqualTo(1);
            assertThat(components.path("kafka").path("details").path("topics").path("herald.events").asInt())
                    .as("the start's check of Herald's own topics, with the test broker's 2 partitions").isEqualTo(2);
            assertThat(components.path("kafka").path("details").has("topicsWithFewerPartitions")).isFalse();
            assertThat(components.path("kafkaLag").path("status").asText()).as(response.body()).isEqualTo("UP");
            assertThat(components.path("kafkaLag").path("details").path("herald-decide").has("herald.events"))
                    .as(response.body()).isTrue();
        });
    }

    @Test
    void aPollingConsumerBeforeItsFirstPollLeavesHealthUp() {
        // Camel's first poll of a file or mail consumer comes a second after its start (initialDelay); its check
        // read DOWN until then, so /actuator/health was DOWN for a second or two after readiness was UP at every start
        await().atMost(WAIT).untilAsserted(() -> {
            camel.getRouteController().stopRoute("file-drops-intake");
            camel.getRouteController().startRoute("file-drops-intake");
            ScheduledPollConsumer consumer = (ScheduledPollConsumer) camel.getRoute("file-drops-intake").getConsumer();
            HttpResponse<String> response = get("/actuator/health");
            assertThat(consumer.isFirstPollDone()).as("read before the consumer's first poll").isFalse();
            JsonNode health = json.readTree(response.body());
            assertThat(health.path("components").path("camelHealth").path("status").asText()).as(response.body())
                    .isEqualTo("UP");
            assertThat(health.path("status").asText()).as(response.body()).isEqualTo("UP");
            assertThat(response.statusCode()).isEqualTo(200);
        });
    }

    @Test
    void intakeAnswers503NotFoundWhileItsRouteIsNotStartedAndReadinessFollowsTheRoutes() throws Exception {
        await().atMost(WAIT).untilAsserted(() -> assertThat(json.readTree(get("/actuator/health/readiness").body())
                .path("status").asText()).isEqualTo("UP"));
        String order = SamplePayloads.omsOrder("SO-READY1", "C-READY1", "ready@example.com", "+4915112340031", "en",
                "email", 5);
        try {
            camel.getRouteController().stopRoute("platform-webhooks-intake");

            HttpResponse<String> stopped = post("/api/v1/intake/oms", order);
            assertThat(stopped.statusCode()).as(stopped.body()).isEqualTo(503);
            assertThat(stopped.headers().firstValue("Retry-After")).hasValue("5");
            assertThat(stopped.headers().firstValue("Content-Type").orElse(""))
                    .startsWith("application/problem+json");
            HttpResponse<String> readiness = get("/actuator/health/readiness");
            assertThat(readiness.statusCode()).isEqualTo(503);
            assertThat(json.readTree(readiness.body()).path("status").asText()).isEqualTo("DOWN");
        } finally {
            camel.getRouteController().startRoute("platform-webhooks-intake");
        }
        assertThat(post("/api/v1/intake/oms", order).statusCode()).isEqualTo(202);
        assertThat(json.readTree(get("/actuator/health/readiness").body()).path("status").asText()).isEqualTo("UP");
    }

    @Test
    void eachChannelRouteRunsTheChannelsConsumerCountAndTheOtherRoutesCamels() {
        // herald.channels.consumers-count 1, camel.component.kafka.consumers-count 2 (application.yaml's defaults)
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(membersOf("herald-email")).as("herald-email").isEqualTo(1);
            assertThat(membersOf("herald-sms")).as("herald-sms").isEqualTo(1);
            assertThat(membersOf("herald-push")).as("herald-push").isEqualTo(1);
            assertThat(membersOf("herald-decide")).as("herald-decide").isEqualTo(2);
        });
    }

    @Test
    void prometheusCountsEventsRejectsNotificationsAndCamelExchanges() {
        Map<String, String> oms = Map.of("source", "oms");
        Map<String, String> unparseable = Map.of("source", "oms", "reason", "UNPARSEABLE");
        Map<String, String> emailDecided = Map.of("channel", "email", "state", "DECIDED");
        Map<String, String> emailSent = Map.of("channel", "email", "state", "SENT");
        Map<String, String> omsRoute = Map.of("routeId", "platform-webhooks-intake");
        Map<String, String> decideRoute = Map.of("routeId", "events-decide");
        String before = scrape();
        double eventsBefore = sum(before, "herald_events_in_total", oms);
        double rejectedBefore = sum(before, "herald_intake_rejected_total", unparseable);
        double decidedBefore = sum(before, "herald_notifications_total", emailDecided);
        double sentBefore = sum(before, "herald_notifications_total", emailSent);
        double exchangesBefore = sum(before, "camel_exchanges_total", omsRoute);
        double decideBefore = sum(before, "camel_exchanges_total", decideRoute);

        String email = "ops.metrics@example.com";
        assertThat(post("/api/v1/intake/oms",
                SamplePayloads.omsOrder("SO-OPS1", "C-OPS1", email, "+4915112349901", "en", "email", 20))
                .statusCode()).isEqualTo(202);
        HttpResponse<String> refused = post("/api/v1/intake/oms", "eventId=SO-OPS-REFUSED&eventType=order.created");
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        await().atMost(WAIT).until(() -> mailsTo(email).size() == 1);
        await().atMost(WAIT).until(() -> "SENT".equals(firstNotificationState("SO-OPS1")));

        await().atMost(WAIT).untilAsserted(() -> {
            String after = scrape();
            assertThat(sum(after, "herald_events_in_total", oms)).as(after).isGreaterThan(eventsBefore);
            assertThat(sum(after, "herald_intake_rejected_total", unparseable)).as(after)
                    .isEqualTo(rejectedBefore + 1);
            assertThat(sum(after, "herald_notifications_total", emailDecided)).as(after)
                    .isGreaterThan(decidedBefore);
            assertThat(sum(after, "herald_notifications_total", emailSent)).as(after).isGreaterThan(sentBefore);
            assertThat(sum(after, "camel_exchanges_total", omsRoute)).as(after)
                    .isGreaterThanOrEqualTo(exchangesBefore + 2);
            assertThat(sum(after, "camel_exchanges_total", decideRoute)).as(after).isGreaterThan(decideBefore);
        });
    }

    @Test
    void qualityGatesRefuseATypoTellTheCarrierFromANumberAndEachSourceReportsItsHealth() throws Exception {
        String typo = SamplePayloads.wmsShipped("SO-QG1", "1Z999AA10123456785", 30);
        HttpResponse<String> refused = post("/api/v1/intake/wms", typo);
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(422);
        assertThat(json.readTree(refused.body()).path("reason").asText()).isEqualTo("INVALID_TRACKING_NUMBER");
        assertThat(intakeFailuresWith("SO-QG1")).singleElement().satisfies(f -> {
            assertThat(f.get("SOURCE")).isEqualTo("wms");
            assertThat(f.get("REASON_CODE")).isEqualTo("INVALID_TRACKING_NUMBER");
        });

        String tracking = UpsTrackingNumbers.of("QUALITYGATE0001");
        String carrierless = """
                {"eventId": "wms-qg-2", "event": "SHIPPED", "occurredAt": "%s", "orderId": "SO-QG2",
                 "trackingNumber": "%s"}""".formatted(SamplePayloads.at(10), tracking.toLowerCase());
        JsonNode dryRun = json.readTree(post("/api/v1/normalize/wms", carrierless).body());
        assertThat(dryRun.path("events").get(0).path("shipment").path("carrier").asText()).isEqualTo("ups");
        assertThat(dryRun.path("findings").get(0).path("check").asText()).isEqualTo("carrier");
        Map<String, String> detected = Map.of("source", "wms", "check", "carrier", "outcome", "detected");
        double detectedBefore = sum(scrape(), "herald_intake_findings_total", detected);

        assertThat(post("/api/v1/intake/wms", carrierless).statusCode()).isEqualTo(202);

        await().atMost(WAIT).until(() -> jdbc.queryForObject("SELECT COUNT(*) FROM shipment WHERE carrier = 'ups' "
                + "AND tracking_number = ?", Integer.class, tracking) == 1);
        String after = scrape();
        assertThat(sum(after, "herald_intake_findings_total", detected)).isEqualTo(detectedBefore + 1);
        assertThat(sum(after, "herald_source_last_success_seconds", Map.of("source", "wms"))).isPositive();
        JsonNode wms = json.readTree(get("/actuator/health").body()).path("components").path("sources")
                .path("details").path("wms");
        assertThat(wms.path("lastSuccess").asText()).isNotBlank();
        assertThat(wms.path("lastFailureReason").asText()).isNotBlank();
        assertThat(wms.path("lagSeconds").asLong()).isBetween(9 * 60L, 60 * 60L);
        assertThat(wms.path("failed15m").asLong()).isPositive();
    }

    @Test
    void hawtioConsoleIsServedUnderActuator() throws Exception {
        HttpResponse<String> response = browser.send(request("/actuator/hawtio").GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/html"));
        assertThat(response.body()).containsIgnoringCase("<html").containsIgnoringCase("hawtio");
    }

    @Test
    void jolokiaListsAndReadsTheCamelRouteMBeans() throws Exception {
        JsonNode search = jolokia("{\"type\":\"search\",\"mbean\":\"org.apache.camel:type=routes,*\"}");
        assertThat(search.path("status").asInt()).as(search.toString()).isEqualTo(200);
        List<String> routes = StreamSupport.stream(search.path("value").spliterator(), false)
                .map(JsonNode::asText).toList();
        String decide = routes.stream().filter(name -> name.contains("name=\"events-decide\"")).findFirst()
                .orElseThrow(() -> new AssertionError("no events-decide route MBean in " + routes));
        assertThat(routes).anyMatch(name -> name.contains("name=\"platform-webhooks-intake\""));

        JsonNode read = jolokia(json.createObjectNode().put("type", "read").put("mbean", decide)
                .put("attribute", "State").toString());
        assertThat(read.path("status").asInt()).as(read.toString()).isEqualTo(200);
        assertThat(read.path("value").asText()).isEqualTo("Started");
    }

    @Test
    void camelKeepsAnMBeanPerRouteButNonePerStep() throws Exception {
        // camel.main.jmx-management-m-beans-level RoutesOnly: a step MBean per processor held 17 MB (benchmarks.md)
        JsonNode processors = jolokia("{\"type\":\"search\",\"mbean\":\"org.apache.camel:type=processors,*\"}");
        JsonNode routes = jolokia("{\"type\":\"search\",\"mbean\":\"org.apache.camel:type=routes,*\"}");

        assertThat(routes.path("value").size()).isGreaterThan(20);
        assertThat(processors.path("value").size()).as(processors.toString()).isZero();
    }

    private JsonNode jolokia(String body) throws IOException, InterruptedException {
        HttpResponse<String> response = browser.send(request("/actuator/jolokia")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(30));
    }

    private String scrape() {
        HttpResponse<String> response = get("/actuator/prometheus");
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})?\\s+(\\S+)");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    /** The sum of a metric's samples in a Prometheus text scrape whose labels include the given ones; 0 if none. */
    static double sum(String scrape, String metric, Map<String, String> labels) {
        double total = 0;
        for (String line : scrape.split("\n")) {
            Matcher sample = SAMPLE.matcher(line);
            if (line.startsWith("#") || !sample.find() || !sample.group(1).equals(metric)) {
                continue;
            }
            if (labelsOf(sample.group(2)).entrySet().containsAll(labels.entrySet())) {
                total += Double.parseDouble(sample.group(3));
            }
        }
        return total;
    }

    private static Map<String, String> labelsOf(String text) {
        Map<String, String> labels = new LinkedHashMap<>();
        if (text != null) {
            Matcher label = LABEL.matcher(text);
            while (label.find()) {
                labels.put(label.group(1), label.group(2));
            }
        }
        return labels;
    }
}
