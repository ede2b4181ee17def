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
import java.util.List;
import java.util.Map;
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

    /** How many open payloads the overview counts in the group of oms payloads whose mapping failed. */
    private long omsMappingFailedPayloads() throws Exception {
        for (JsonNode group : json.readTree(get("/api/v1/intake-failures").body()).path("groups")) {
            if ("oms".equals(group.path("source").asText()) && "MAPPING_FAILED".equals(group.path("reason").asText())) {
                return group.path("payloads").asLong();
            }
        }
        return 0;
    }

    private void replayAfterTheFix(Path oms) throws Exception {

        String email = "replay.me@example.com";
        long groupBefore = omsMappingFailedPayloads();
        assertThat(post("/api/v1/intake/oms", SamplePayloads.omsOrder("SO-REPLAY1", "C-REPLAY1", email,
                "+4915112340030", "en", "email", 10)).statusCode()).isEqualTo(422);

        List<Map<String, Object>> mine = intakeFailuresWith("SO-REPLAY1");
        assertThat(mine).singleElement().satisfies(f -> {
            assertThat(f.get("SOURCE")).isEqualTo("oms");
            assertThat(f.get("REASON_CODE")).isEqualTo("MAPPING_FAILED");
        });
        long id = ((Number) mine.get(0).get("ID")).longValue();
        assertThat(omsMappingFailedPayloads()).as("its group in the overview").isEqualTo(groupBefore + 1);
        assertThat(json.readTree(get("/api/v1/intake-failures?source=oms&reason=MAPPING_FAILED").body())
                .path("failures")).anySatisfy(f -> assertThat(f.path("id").asLong()).isEqualTo(id));

        assertThat(json.readTree(get("/api/v1/intake-failures?source=oms").body()).path("failures"))
                .as("the source's failures of every reason").anySatisfy(f -> assertThat(f.path("id").asLong())
                        .isEqualTo(id));
        var reasonAlone = get("/api/v1/intake-failures?reason=MAPPING_FAILED");
        assertThat(reasonAlone.statusCode()).isEqualTo(400);
        assertThat(reasonAlone.headers().firstValue("Content-Type").orElse(""))
                .startsWith("application/problem+json");
        Object received = jdbc.queryForObject("SELECT last_seen FROM intake_failure WHERE id = ?", Object.class, id);

        assertThat(post("/api/v1/intake-failures/" + id + "/replay", "").statusCode())
                .as("the mapping is still broken").isEqualTo(422);
        assertThat(jdbc.queryForObject("SELECT last_seen FROM intake_failure WHERE id = ?", Object.class, id))
                .as("when it was last received, which its retention counts from: a replay is no new copy")
                .isEqualTo(received);

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
        assertThat(intakeFailuresWith("crm-401")).isEmpty();

        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port
                        + "/api/v1/intake/crm"))
                .header("Content-Type", "application/json").header("X-Api-Key", "crm-api-key-7")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(customer)).build();
        var accepted = java.net.http.HttpClient.newHttpClient().send(request,
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(accepted.statusCode()).isEqualTo(202);
    }
}
