package io.herald.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A new source, added the way docs/adding-a-source.md says, with files alone: its mapping
 * ({@code added-source/acme-parcel.jsonata}) dropped into the running Herald's mappings folder, and its settings
 * (zone, signature scheme, key) in a file of its own ({@code added-source/acme-parcel.yaml}), which Herald reads from
 * its folder of source settings ({@code herald.source-settings-location}) at start, as the packaged jar reads
 * {@code ./config/sources/}. The source exists only in the test resources; no Java and no route knows it, yet it
 * comes in by webhook and by its Kafka topic.
 */
class AddedSourceIT extends HeraldIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final String KEY = "acme-parcel-test-key";

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void sourceAddedWithAMappingFileAndASettingsFileNotifiesTheCustomer() throws Exception {
        LocalDateTime scannedAt = localScanTime(20);
        String scan = scan("ACM-2026-000417", "SO-ADD1", "OFD", "Out for delivery", scannedAt);
        Files.deleteIfExists(Path.of(MAPPINGS_COPY, "acme-parcel.jsonata"));
        assertThat(post("/api/v1/intake/acme-parcel", scan, "X-Api-Key", KEY).statusCode())
                .as("no mapping yet, so no such source").isEqualTo(404);

        addMapping("acme-parcel");

        String email = "added.source@example.com";
        assertThat(post("/api/v1/intake/oms", SamplePayloads.omsOrder("SO-ADD1", "C-ADD1", email, "+4915112340090",
                "en", "email", 60)).statusCode()).isEqualTo(202);
        await().atMost(WAIT).until(() -> mailsTo(email).size() == 1);

        assertThat(post("/api/v1/intake/acme-parcel", scan).statusCode()).as("the key from its settings file")
                .isEqualTo(401);
        assertThat(post("/api/v1/intake/acme-parcel", scan, "X-Api-Key", KEY).statusCode()).isEqualTo(202);

        await().atMost(WAIT).until(() -> mailsTo(email).size() == 2);
        assertThat(mailsTo(email).get(1).getSubject()).isEqualTo("Your order SO-ADD1 arrives today");
        Map<String, Object> shipment = jdbc.queryForMap("SELECT status, location, last_event_at FROM shipment "
                + "WHERE carrier = 'acme-parcel' AND tracking_number = 'ACM-2026-000417'");
        assertThat(shipment.get("STATUS")).isEqualTo("OUT_FOR_DELIVERY");
        assertThat(shipment.get("LOCATION")).isEqualTo("Leipzig");
        OffsetDateTime stored = ((OffsetDateTime) shipment.get("LAST_EVENT_AT"));
        assertThat(stored.toInstant()).as("local time read in the zone of its settings file")
                .isEqualTo(scannedAt.atZone(BERLIN).toInstant());

        // the same source on Kafka: its topic herald.in.<id> is all it takes
        createTopics("herald.in.acme-parcel");
        publish("herald.in.acme-parcel", "ACM-2026-000417",
                scan("ACM-2026-000417", "SO-ADD1", "DLV", "Delivered to the neighbour", localScanTime(2)));

        await().atMost(WAIT).until(() -> mailsTo(email).size() == 3);
        assertThat(mailsTo(email).get(2).getSubject()).isEqualTo("Your order SO-ADD1 was delivered");
    }

    @Test
    void settingsOfTheAddedSourceShowInTheSourcesApiWithoutItsKey() throws Exception {
        addMapping("acme-parcel");

        HttpResponse<String> answer = get("/api/v1/sources/acme-parcel");

        assertThat(answer.statusCode()).isEqualTo(200);
        JsonNode source = json.readTree(answer.body());
        assertThat(source.path("mapping").path("present").asBoolean()).isTrue();
        assertThat(source.path("zone").asText()).isEqualTo("Europe/Berlin");
        assertThat(source.path("signature").path("scheme").asText()).isEqualTo("api-key");
        assertThat(source.path("signature").path("secretConfigured").asBoolean()).isTrue();
        assertThat(source.path("waysIn").path("kafkaTopic").asText()).isEqualTo("herald.in.acme-parcel");
        assertThat(answer.body()).doesNotContain(KEY);
    }

    @Test
    void dryRunOfTheAddedSourceReportsACodeItsTableLacks() throws Exception {
        addMapping("acme-parcel");

        JsonNode answer = json.readTree(post("/api/v1/normalize/acme-parcel",
                scan("ACM-2026-000418", "SO-ADD2", "XYZ", "Sorted at night", localScanTime(5))).body());

        assertThat(answer.path("events").get(0).path("shipment").path("status").asText()).isEqualTo("UNKNOWN");
        assertThat(answer.path("findings").get(0).path("check").asText()).isEqualTo("status");
    }

    private static void addMapping(String source) throws IOException {
        try (InputStream mapping = AddedSourceIT.class.getResourceAsStream("/added-source/" + source + ".jsonata")) {
            Files.write(Path.of(MAPPINGS_COPY, source + ".jsonata"), mapping.readAllBytes());
        }
    }

    private static LocalDateTime localScanTime(int minutesAgo) {
        return LocalDateTime.now(BERLIN).minusMinutes(minutesAgo).truncatedTo(ChronoUnit.MINUTES);
    }

    /** A scan as ACME Parcel sends it: local time in Berlin, no offset. */
    private static String scan(String parcel, String orderId, String code, String label, LocalDateTime at) {
        return """
                {"event_id": "evt-%1$s-%3$s", "parcel": {"number": "%1$s", "reference": "%2$s"},
                 "scan": {"code": "%3$s", "label": "%4$s", "local_time": "%5$s", "depot": "Leipzig"}}
                """.formatted(parcel, orderId, code, label,
                at.format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")));
    }
}
