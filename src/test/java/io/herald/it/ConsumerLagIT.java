package io.herald.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * A spike that the consumers cannot keep up with queues in Kafka: intake answers 202 for every payload once Kafka has
 * its event, however far the decide stage is behind, and operations see how far on {@code /actuator/health}
 * ({@code kafkaLag}) and on {@code /actuator/prometheus} ({@code herald_kafka_consumer_lag}).
 */
class ConsumerLagIT extends HeraldIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final String DECIDE_ROUTE = "events-consume";
    private static final String[] CRM_KEY = {"X-Api-Key", "crm-api-key-7"};
    private static final int BURST = 200;

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void burstWhileDecideIsStoppedIsAllAcceptedQueuedInKafkaShownAsLagAndDecidedOnceItRuns() throws Exception {
        String run = "C-SPIKE-" + System.nanoTime() + "-";
        Instant stopped;
        long before;
        ExecutorService senders = Executors.newFixedThreadPool(8);
        try {
            camel.getRouteController().stopRoute(DECIDE_ROUTE);
            stopped = Instant.now();
            // its committed offsets stay where the stop left them: the lag read after the stop is the base
            before = await().atMost(WAIT).until(this::decideLag, lag -> lag.readAt().isAfter(stopped)).records();

            List<CompletableFuture<HttpResponse<String>>> answers = IntStream.range(0, BURST)
                    .mapToObj(i -> CompletableFuture.supplyAsync(
                            () -> post("/api/v1/intake/crm", customerUpdated(run + i), CRM_KEY), senders))
                    .toList();
            for (CompletableFuture<HttpResponse<String>> answer : answers) {
                HttpResponse<String> response = answer.join();
                assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
            }

            await().atMost(WAIT).untilAsserted(() -> {
                HealthLag lag = decideLag();
                assertThat(lag.status()).isEqualTo("UP");
                assertThat(lag.records()).as("one event a payload, none decided").isGreaterThanOrEqualTo(before + BURST);
                assertThat(OperationsIT.sum(get("/actuator/prometheus").body(), "herald_kafka_consumer_lag",
                        Map.of("group", "herald-decide", "topic", "herald.events")))
                        .isGreaterThanOrEqualTo(before + BURST);
            });
            assertThat(customersOf(run)).as("nothing decided while the route is stopped").isZero();
        } finally {
            senders.shutdownNow();
            camel.getRouteController().startRoute(DECIDE_ROUTE);
        }

        await().atMost(WAIT).until(() -> customersOf(run) == BURST);
        await().atMost(WAIT).until(() -> decideLag().records() <= before);
    }

    /** The decide stage's lag on herald.events as the kafkaLag health component shows it. */
    private HealthLag decideLag() throws Exception {
        HttpResponse<String> response = get("/actuator/health");
        JsonNode lag = json.readTree(response.body()).path("components").path("kafkaLag");
        JsonNode records = lag.path("details").path("herald-decide").path("herald.events");
        return new HealthLag(lag.path("status").asText(), records.isNumber() ? records.asLong() : -1,
                Instant.parse(lag.path("details").path("readAt").asText(Instant.EPOCH.toString())));
    }

    private record HealthLag(String status, long records, Instant readAt) {
    }

    private int customersOf(String run) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM customer WHERE customer_id LIKE ?", Integer.class,
                run + "%");
    }

    /** A profile change from the CRM (docs/sources/crm.md): one customer event, which notifies no one. */
    private static String customerUpdated(String customerId) {
        return """
                {"eventId": "crm-%1$s", "eventType": "customer.updated", "updatedAt": "%2$s",
                 "profile": {"customerId": "%1$s", "language": "en", "timezone": "Europe/Berlin"}}
                """.formatted(customerId, SamplePayloads.at(0));
    }
}
