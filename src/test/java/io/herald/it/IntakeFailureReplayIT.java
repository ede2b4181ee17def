package io.herald.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A payload refused because its mapping was wrong is kept; once the mapping is fixed on disk, replaying it
 * produces the notification it should have produced. The tests' mappings are a copy of mappings/ (see the base
 * class), which this test breaks and mends.
 */
class IntakeFailureReplayIT extends HeraldIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final Path MAPPINGS = Path.of(MAPPINGS_COPY);

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void failedPayloadReplayedAfterItsMappingIsFixedProducesItsNotification() throws Exception {
        Path oms = MAPPINGS.resolve("oms.jsonata");
        Files.writeString(oms, "/* broken on purpose: maps nothing */ $.nothing");
        Files.setLastModifiedTime(oms, FileTime.from(Instant.now().minusSeconds(60)));
        try {
            replayAfterTheFix(oms);
        } finally {
            Files.copy(Path.of("mappings/oms.jsonata"), oms, StandardCopyOption.REPLACE_EXISTING);
            Files.setLastModifiedTime(oms, FileTime.from(Instant.now()));
        }
    }

    private void replayAfterTheFix(Path oms) throws Exception {

        String email = "replay.me@example.com";
        long before = jdbc.queryForObject("SELECT COALESCE(MAX(id), 0) FROM intake_failure", Long.class);
        assertThat(post("/api/v1/intake/oms", SamplePayloads.omsOrder("SO-REPLAY1", "C-REPLAY1", email,
                "+4915112340030", "en", "email", 10)).statusCode()).isEqualTo(422);

        JsonNode groups = json.readTree(get("/api/v1/intake-failures").body()).path("groups");
        assertThat(groups).anySatisfy(g -> {
            assertThat(g.path("source").asText()).isEqualTo("oms");
            assertThat(g.path("reason").asText()).isEqualTo("MAPPING_FAILED");
        });
        List<Long> mine = new ArrayList<>();
        json.readTree(get("/api/v1/intake-failures?source=oms&reason=MAPPING_FAILED").body()).path("failures")
                .forEach(f -> { if (f.path("id").asLong() > before) { mine.add(f.path("id").asLong()); } });
        assertThat(mine).hasSize(1);
        long id = mine.get(0);

        assertThat(post("/api/v1/intake-failures/" + id + "/replay", "").statusCode())
                .as("the mapping is still broken").isEqualTo(422);

        Files.copy(Path.of("mappings/oms.jsonata"), oms, StandardCopyOption.REPLACE_EXISTING);
        Files.setLastModifiedTime(oms, FileTime.from(Instant.now()));
        var replayed = post("/api/v1/intake-failures/" + id + "/replay", "");
        assertThat(replayed.statusCode()).isEqualTo(200);
        assertThat(json.readTree(replayed.body()).path("resolved").asBoolean()).isTrue();

        await().atMost(WAIT).until(() -> mailsTo(email).size() == 1);
        assertThat(mailsTo(email).get(0).getSubject()).isEqualTo("Your order SO-REPLAY1 is confirmed");
        assertThat(json.readTree(get("/api/v1/intake-failures?source=oms&reason=MAPPING_FAILED").body())
                .path("failures")).noneSatisfy(f -> assertThat(f.path("id").asLong()).isEqualTo(id));
    }

    @Test
    void webhookWithoutTheSourcesKeyIsRefusedWith401AndNotKept() throws Exception {
        String customer = """
                {"eventId": "crm-401", "eventType": "customer.updated", "updatedAt": "%s",
                 "profile": {"customerId": "C-401", "firstName": "Key", "lastName": "Holder",
                             "email": "key.holder@example.com"}}
                """.formatted(SamplePayloads.at(1));
        var refused = post("/api/v1/intake/crm", customer);
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM intake_failure WHERE source = 'crm'", Integer.class))
                .isZero();

        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port
                        + "/api/v1/intake/crm"))
                .header("Content-Type", "application/json").header("X-Api-Key", "crm-api-key-7")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(customer)).build();
        var accepted = java.net.http.HttpClient.newHttpClient().send(request,
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(accepted.statusCode()).isEqualTo(202);
    }
}
