package io.herald.it;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;

/** Bad input is refused clearly and kept with its reason; the valid events around it still flow. */
class IntakeRejectionIT extends HeraldIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(120);
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void invalidPayloadLandsInTheDeadLetterWithItsReasonWhileValidEventsFlow() throws Exception {
        String email = "flow.around@example.com";
        assertThat(post("/api/v1/intake/oms", SamplePayloads.omsOrder("SO-V1", "C-V1", email, "+4915112340020",
                "en", "email", 20)).statusCode()).isEqualTo(202);

        String broken = "{\"eventId\": \"broken-SO-V2\", \"eventType\": \"order.created\", \"order\": {";
        HttpResponse<String> unparseable = post("/api/v1/intake/oms", broken);
        assertThat(unparseable.statusCode()).isEqualTo(400);
        assertThat(unparseable.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = json.readTree(unparseable.body());
        assertThat(problem.path("status").asInt()).isEqualTo(400);
        assertThat(problem.path("reason").asText()).isEqualTo("UNPARSEABLE");
        assertThat(problem.path("detail").asText()).contains("not valid JSON").doesNotContain("\tat ");

        String unmappable = "{\"eventId\": \"unmappable-SO-V3\", \"eventType\": \"order.created\", "
                + "\"occurredAt\": \"" + SamplePayloads.at(5) + "\", \"order\": {\"status\": \"pending\"}}";
        HttpResponse<String> refused = post("/api/v1/intake/oms", unmappable);
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(json.readTree(refused.body()).path("title").asText()).isNotBlank();

        assertThat(post("/api/v1/intake/oms", SamplePayloads.omsOrder("SO-V4", "C-V4", email, "+4915112340020",
                "en", "email", 10)).statusCode()).isEqualTo(202);

        await().atMost(WAIT).until(() -> mailsTo(email).size() == 2);
        assertThat(mailsTo(email)).extracting(m -> m.getSubject())
                .containsExactlyInAnyOrder("Your order SO-V1 is confirmed", "Your order SO-V4 is confirmed");

        assertThat(intakeFailuresWith("broken-SO-V2")).singleElement().satisfies(f -> {
            assertThat(f.get("SOURCE")).isEqualTo("oms");
            assertThat(f.get("REASON_CODE")).isEqualTo("UNPARSEABLE");
            assertThat(f.get("PAYLOAD")).isEqualTo(broken);
        });
        assertThat(intakeFailuresWith("unmappable-SO-V3")).singleElement().satisfies(f -> {
            assertThat(f.get("SOURCE")).isEqualTo("oms");
            assertThat(f.get("REASON_CODE")).isIn("MAPPING_FAILED", "INVALID_EVENT");
            assertThat(f.get("PAYLOAD")).isEqualTo(unmappable);
        });

        List<JsonNode> deadLetters = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = dlqConsumer()) {
            await().atMost(WAIT).until(() -> {
                consumer.poll(Duration.ofMillis(500)).forEach(r -> deadLetters.add(readTree(r.value())));
                return deadLetters.stream().anyMatch(d -> d.path("payload").asText().equals(broken))
                        && deadLetters.stream().anyMatch(d -> d.path("payload").asText().equals(unmappable));
            });
        }
        assertThat(deadLetters).anySatisfy(d -> {
            assertThat(d.path("kind").asText()).isEqualTo("intake-failure");
            assertThat(d.path("source").asText()).isEqualTo("oms");
            assertThat(d.path("reason").asText()).isEqualTo("UNPARSEABLE");
            assertThat(d.path("payload").asText()).isEqualTo(broken);
        });
    }

    /**
     * What the sender or a carrier call put in the headers (an API key, a bearer token) goes nowhere with a refused
     * payload: not on herald.dlq, not back in the answer. A polled carrier answer that is refused carries the call's
     * own Authorization or DHL-API-Key header, as camel-http copies the request's headers onto its answer.
     */
    @Test
    void aRefusedPayloadsHeadersAreNotPublishedOnTheDeadLetterTopicNorEchoed() throws Exception {
        String marker = "secret-headers-" + UUID.randomUUID();
        String unmappable = "{\"eventId\": \"" + marker + "\", \"eventType\": \"order.created\", "
                + "\"occurredAt\": \"" + SamplePayloads.at(5) + "\", \"order\": {\"status\": \"pending\"}}";

        HttpResponse<String> refused = post("/api/v1/intake/oms", unmappable, "X-Api-Key", "it-api-key-4711",
                "Authorization", "Bearer it-token-0815", "DHL-API-Key", "it-dhl-key-42");

        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.headers().map().toString()).doesNotContain("it-api-key-4711", "it-token-0815",
                "it-dhl-key-42");
        List<String> headers = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = dlqConsumer()) {
            await().atMost(WAIT).until(() -> {
                consumer.poll(Duration.ofMillis(500)).forEach(r -> {
                    if (r.value() != null && r.value().contains(marker)) {
                        r.headers().forEach(h -> headers.add(h.key() + "=" + new String(h.value(), UTF_8)));
                        headers.add("record");
                    }
                });
                return headers.contains("record");
            });
        }
        assertThat(String.join(" ", headers)).doesNotContain("it-api-key-4711", "it-token-0815", "it-dhl-key-42");
    }

    @Test
    void unmappableWmsRecordIsKeptAndTheNextRecordStillFlows() {
        String email = "wms.flow@example.com";
        post("/api/v1/intake/oms", SamplePayloads.omsOrder("SO-W1", "C-W1", email, "+4915112340021", "en", "email", 60));
        await().atMost(WAIT).until(() -> mailsTo(email).size() == 1);

        publishWms("bad", "{\"eventId\": \"wms-bad-1\", \"event\": \"SHIPPED\", \"orderId\": \"SO-W1\"}");
        publishWms("1ZWMSFLOW000000014", SamplePayloads.wmsShipped("SO-W1", "1ZWMSFLOW000000014", 30));

        await().atMost(WAIT).until(() -> mailsTo(email).size() == 2);
        await().atMost(WAIT).until(() -> !intakeFailuresWith("wms-bad-1").isEmpty());
        assertThat(intakeFailuresWith("wms-bad-1")).singleElement().satisfies(f -> {
            assertThat(f.get("SOURCE")).isEqualTo("wms");
            assertThat(f.get("REASON_CODE")).isIn("MAPPING_FAILED", "INVALID_EVENT");
        });
    }

    @Test
    void dryRunNormalizesWithoutSideEffectsAndExplainsErrors() throws Exception {
        String order = SamplePayloads.omsOrder("SO-DRY1", "C-DRY1", "dry@example.com", "+4915112340022", "en",
                "email", 5);
        HttpResponse<String> answer = post("/api/v1/normalize/oms", order);
        assertThat(answer.statusCode()).isEqualTo(200);
        JsonNode body = json.readTree(answer.body());
        assertThat(body.path("source").asText()).isEqualTo("oms");
        assertThat(body.path("events")).hasSize(1);
        assertThat(body.path("events").get(0).path("order").path("orderId").asText()).isEqualTo("SO-DRY1");
        assertThat(body.path("events").get(0).path("order").path("status").asText()).isEqualTo("PLACED");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM customer_order WHERE order_id = 'SO-DRY1'",
                Integer.class)).isZero();

        HttpResponse<String> unknown = post("/api/v1/normalize/no-such-source", order);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");

        assertThat(post("/api/v1/normalize/oms", "this is neither JSON nor XML").statusCode()).isEqualTo(400);
        HttpResponse<String> entity = post("/api/v1/normalize/oms", """
                <?xml version="1.0"?>
                <!DOCTYPE order [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
                <order><id>&secret;</id></order>
                """);
        assertThat(entity.statusCode()).isEqualTo(400);
        assertThat(entity.body()).contains("DOCTYPE").doesNotContain("root:");
        assertThat(post("/api/v1/normalize/oms", "{\"eventType\": \"order.created\"}").statusCode())
                .isEqualTo(422);
    }

    @Test
    void platformWebhookFlowsThroughTheGenericIntakeAndAnUnknownSourceIsRefused() throws Exception {
        String alert = new String(getClass().getResourceAsStream(
                "/payloads/ups-track-alert/alert_arrived_at_facility.json").readAllBytes());
        String expected = new String(getClass().getResourceAsStream(
                "/payloads/ups-track-alert/alert_arrived_at_facility.expected.json").readAllBytes());
        String trackingNumber = json.readTree(expected).get(0).path("shipment").path("trackingNumber").asText();

        HttpResponse<String> accepted = post("/api/v1/intake/ups-track-alert", alert);
        assertThat(accepted.statusCode()).isEqualTo(202);
        assertThat(json.readTree(accepted.body()).path("source").asText()).isEqualTo("ups-track-alert");
        await().atMost(WAIT).until(() -> jdbc.queryForObject(
                "SELECT COUNT(*) FROM shipment WHERE tracking_number = ?", Integer.class, trackingNumber) == 1);

        HttpResponse<String> unknown = post("/api/v1/intake/no-such-platform", alert);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        // HostilePayloadsIT mutates the same fixture, and keeps its refusals under their real source: look at this one
        assertThat(intakeFailuresWith(trackingNumber)).as("the refused webhook is not kept")
                .filteredOn(failure -> "no-such-platform".equals(failure.get("SOURCE"))).isEmpty();
    }

    @Test
    void bodiesThatAreNotValidUtf8AreRefusedWith400AndKeptWithTheirOriginalBytes() throws Exception {
        Map<String, byte[]> bodies = new java.util.LinkedHashMap<>();
        bodies.put("application/json", jsonWith("enc-broken-pair", new byte[] {(byte) 0xC3, 0x28}));
        bodies.put("application/json; charset=utf-8", jsonWith("enc-lone-ff", new byte[] {(byte) 0xFF}));
        bodies.put("application/json;charset=UTF-8", jsonWith("enc-truncated", new byte[] {(byte) 0xE2, (byte) 0x82}));
        bodies.put("application/xml", concat(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><order><id>enc-xml-latin1 Andr".getBytes(UTF_8),
                new byte[] {(byte) 0xE9}, "</id></order>".getBytes(UTF_8)));

        for (Map.Entry<String, byte[]> body : bodies.entrySet()) {
            HttpResponse<String> dryRun = postBytes("/api/v1/normalize/oms", body.getKey(), body.getValue());
            assertThat(dryRun.statusCode()).as("dry run of %s", body.getKey()).isEqualTo(400);

            HttpResponse<String> answer = postBytes("/api/v1/intake/oms", body.getKey(), body.getValue());
            assertThat(answer.statusCode()).as("intake of %s: %s", body.getKey(), answer.body()).isEqualTo(400);
            assertThat(answer.headers().firstValue("Content-Type").orElse(""))
                    .startsWith("application/problem+json");
            assertThat(json.readTree(answer.body()).path("reason").asText()).isEqualTo("INVALID_ENCODING");
        }

        for (String marker : List.of("enc-broken-pair", "enc-lone-ff", "enc-truncated", "enc-xml-latin1")) {
            byte[] sent = bodies.values().stream()
                    .filter(b -> new String(b, UTF_8).contains(marker)).findFirst().orElseThrow();
            assertThat(jdbc.queryForList("SELECT reason_code, payload FROM intake_failure").stream()
                    .filter(row -> java.util.Arrays.equals((byte[]) row.get("PAYLOAD"), sent))
                    .toList())
                    .as("kept with its original bytes: %s", marker)
                    .singleElement()
                    .satisfies(row -> assertThat(row.get("REASON_CODE")).isEqualTo("INVALID_ENCODING"));
        }
    }

    private static byte[] jsonWith(String marker, byte[] badBytes) {
        return concat(("{\"eventId\": \"" + marker + "\", \"eventType\": \"order.created\", "
                + "\"order\": {\"orderId\": \"SO-").getBytes(UTF_8), badBytes, "\"}}".getBytes(UTF_8));
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private HttpResponse<String> postBytes(String path, String contentType, byte[] body) throws Exception {
        return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest
                .newBuilder(java.net.URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", contentType)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private KafkaConsumer<String, String> dlqConsumer() {
        Properties props = consumerProperties();
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "dlq-reader-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props);
        consumer.subscribe(List.of("herald.dlq"));
        return consumer;
    }

    private JsonNode readTree(String value) {
        try {
            return json.readTree(value);
        } catch (Exception e) {
            return json.createObjectNode();
        }
    }
}
