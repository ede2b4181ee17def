package io.herald.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.herald.it.HostilePayloads.Hostile;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;

/**
 * Every mapping is fed hostile payloads made from the project's own fixtures, at the dry run and at the intake. The
 * answer is always a clean refusal or an acceptance, never a 5xx, and every refusal at the intake is kept for replay.
 * {@code -Dhostile.payloads=10000} runs the long version; docs/benchmarks.md has its figures.
 */
class HostilePayloadsIT extends HeraldIntegrationTest {

    private static final long SEED = 20261129L;
    private static final int PAYLOADS = Integer.getInteger("hostile.payloads", 600);
    private static final Set<Integer> ANSWERS = Set.of(200, 202, 400, 404, 413, 422);
    private static final Set<String> MAPPING_REASONS = Set.of("MAPPING_FAILED", "INVALID_EVENT",
            "INVALID_TRACKING_NUMBER", "INVALID_PHONE", "INVALID_EMAIL");

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Value("${herald.intake.max-payload-bytes}")
    int maxPayloadBytes;

    @Value("${herald.intake.max-nesting-depth}")
    int maxNestingDepth;

    /** What one endpoint answered to one payload. */
    private record Outcome(Hostile payload, String endpoint, int status, String reason, boolean problemJson) {

        /** The payload parsed and was handed to the mapping, whether the mapping took it or refused it. */
        boolean reachedMapping() {
            return status == 200 || status == 202 || (status == 422 && MAPPING_REASONS.contains(reason));
        }

        String label() {
            return endpoint + " " + status + (reason == null ? "" : " " + reason);
        }
    }

    @Test
    void everyMappingAnswersHostilePayloadsWithoutA5xxAndKeepsEveryRefusal() throws Exception {
        HostilePayloads generator = new HostilePayloads(SEED, Path.of("src/test/resources/payloads"),
                Path.of("mappings"), maxPayloadBytes, maxNestingDepth);
        List<Hostile> payloads = new ArrayList<>();
        for (int i = 0; i < PAYLOADS; i++) {
            payloads.add(generator.next());
        }

        List<Outcome> outcomes = new ArrayList<>();
        Map<String, Integer> connectionErrors = new ConcurrentHashMap<>();
        ExecutorService senders = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<Outcome>>> answers = new ArrayList<>();
            for (Hostile payload : payloads) {
                answers.add(senders.submit(() -> List.of(
                        send("normalize", payload, connectionErrors), send("intake", payload, connectionErrors))));
            }
            for (Future<List<Outcome>> answer : answers) {
                answer.get(2, TimeUnit.MINUTES).stream().filter(o -> o != null).forEach(outcomes::add);
            }
        } finally {
            senders.shutdownNow();
        }

        Map<String, Integer> byOutcome = new TreeMap<>();
        Map<String, Integer> byKind = new TreeMap<>();
        outcomes.forEach(o -> byOutcome.merge(o.label(), 1, Integer::sum));
        outcomes.forEach(o -> byKind.merge(o.endpoint() + " " + o.payload().kind(), 1, Integer::sum));
        System.out.printf("Hostile payloads: %d (seed %d), sources %s%nper outcome %s%nper kind %s%n",
                payloads.size(), SEED, generator.sources(), byOutcome, byKind);

        assertThat(connectionErrors).as("connection errors per endpoint and kind").isEmpty();
        List<String> serverErrors = outcomes.stream().filter(o -> o.status() >= 500)
                .map(o -> o.endpoint() + " " + o.payload().source() + " " + o.payload().kind() + " " + o.status())
                .distinct().limit(10).toList();
        assertThat(serverErrors).as("5xx answers (endpoint, source, kind, status)").isEmpty();
        assertThat(outcomes).as("answers other than 200/202/400/404/413/422, or a refusal not in problem+json")
                .allSatisfy(o -> {
                    assertThat(ANSWERS).as(o.label() + " for " + o.payload().kind()).contains(o.status());
                    if (o.status() >= 400) {
                        assertThat(o.problemJson()).as(o.label() + " for " + o.payload().kind()).isTrue();
                    }
                });

        for (String endpoint : List.of("normalize", "intake")) {
            long reached = outcomes.stream().filter(o -> o.endpoint().equals(endpoint))
                    .filter(Outcome::reachedMapping).count();
            assertThat(reached).as(endpoint + " payloads that reached the mapping").isGreaterThanOrEqualTo(
                    (long) Math.ceil(payloads.size() * 0.3));
        }

        List<String> notKept = outcomes.stream()
                .filter(o -> o.endpoint().equals("intake") && o.status() >= 400 && o.status() < 500)
                .filter(o -> !kept(o.payload()))
                .map(o -> o.payload().source() + " " + o.payload().kind() + " " + o.label())
                .distinct().limit(10).toList();
        assertThat(notKept).as("intake refusals without an intake_failure row for their payload hash").isEmpty();
    }

    private Outcome send(String endpoint, Hostile payload, Map<String, Integer> connectionErrors) {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/api/v1/" + endpoint + "/" + payload.source()))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", payload.contentType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(payload.body()));
        if (payload.source().equals("crm")) {
            request.header("X-Api-Key", "crm-api-key-7");
        }
        try {
            HttpResponse<String> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            String type = answer.headers().firstValue("Content-Type").orElse("");
            String reason = null;
            if (type.startsWith("application/problem+json")) {
                JsonNode problem = json.readTree(answer.body());
                reason = problem.hasNonNull("reason") ? problem.get("reason").asText() : null;
            }
            return new Outcome(payload, endpoint, answer.statusCode(), reason,
                    type.startsWith("application/problem+json"));
        } catch (IOException e) {
            connectionErrors.merge(endpoint + " " + payload.kind() + " " + e.getClass().getSimpleName(), 1,
                    Integer::sum);
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private boolean kept(Hostile payload) {
        Integer rows = jdbc.queryForObject(
                "SELECT COUNT(*) FROM intake_failure WHERE source = ? AND payload_hash = ?", Integer.class,
                payload.source(), sha256(payload.body()));
        return rows != null && rows == 1;
    }

    private static String sha256(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
