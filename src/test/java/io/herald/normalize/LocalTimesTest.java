package io.herald.normalize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.herald.canonical.CanonicalEvent;
import io.herald.canonical.ExceptionReason;
import io.herald.canonical.ShipmentStatus;
import io.herald.config.HeraldProperties;
import io.herald.normalize.LocalZones.Found;
import io.herald.normalize.LocalZones.Place;
import io.herald.ops.HeraldMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.core.io.DefaultResourceLoader;

/** Local timestamps (no offset) are read in the zone of the event's own place, and each way is counted. */
class LocalTimesTest {

    private final LocalZones zones = new LocalZones();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @Test
    void dhlUnifiedScansInUsCitiesAreReadInEachCitysZone() throws IOException {
        Normalizer normalizer = normalizer(Map.of());
        byte[] answer = Files.readAllBytes(
                Path.of("src/test/resources/payloads/dhl/shipments_ecommerce_us_local_times_attempt.json"));

        List<CanonicalEvent> events = normalizer.normalize("dhl", answer);

        assertThat(events).extracting(CanonicalEvent::occurredAt).extracting(OffsetDateTime::toString).containsExactly(
                "2025-03-12T14:20-07:00", "2025-03-12T08:05-07:00", "2025-03-12T05:30-07:00",
                "2025-03-11T22:15-06:00", "2025-03-10T16:40-04:00");
        assertThat(events.get(0).shipment().status()).isEqualTo(ShipmentStatus.ATTEMPT_FAILED);
        assertThat(events.get(0).shipment().exceptionReason()).isEqualTo(ExceptionReason.RECIPIENT_UNAVAILABLE);
        assertThat(count("dhl", "state")).isEqualTo(3);
        assertThat(count("dhl", "zip")).isEqualTo(1);
        assertThat(count("dhl", "city")).isEqualTo(1);
    }

    @Test
    void dryRunCountsNothing() throws IOException {
        Normalizer normalizer = normalizer(Map.of());
        byte[] answer = Files.readAllBytes(
                Path.of("src/test/resources/payloads/dhl/shipments_ecommerce_us_local_times_attempt.json"));

        Normalizer.Normalized inspected = normalizer.inspect("dhl", answer);

        assertThat(inspected.localTimes()).extracting(Normalizer.LocalTime::via)
                .containsExactly("state", "state", "zip", "city", "state");
        assertThat(registry.find("herald.intake.local.times").counters()).isEmpty();
    }

    @Test
    void scanWithoutAPlaceTakesTheSourceZoneAndIsRefusedWithoutOne() {
        String scan = """
                {"shipments": [{"id": "GM2951173225174495", "service": "ecommerce", "events": [
                  {"timestamp": "2025-03-12T08:05:00", "statusCode": "transit", "status": "Processed"}]}]}""";
        byte[] payload = scan.getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> normalizer(Map.of()).normalize("dhl", payload))
                .isInstanceOfSatisfying(IntakeRejectedException.class,
                        e -> assertThat(e.reason()).isEqualTo(RejectReason.INVALID_EVENT));

        List<CanonicalEvent> events = normalizer(Map.of("herald.sources.dhl.zone", "Europe/Berlin"))
                .normalize("dhl", payload);
        assertThat(events.get(0).occurredAt().toString()).isEqualTo("2025-03-12T08:05+01:00");
        assertThat(count("dhl", "source")).isEqualTo(1);
    }

    @Test
    void eachWayFindsItsZoneInOrder() {
        assertThat(zones.of(new Place("DE", null, null, "Leipzig"))).contains(found("Europe/Berlin", "country"));
        assertThat(zones.of(new Place("DEU", null, null, null))).contains(found("Europe/Berlin", "country"));
        assertThat(zones.of(new Place("Germany", null, null, null))).contains(found("Europe/Berlin", "country"));
        assertThat(zones.of(new Place("US", "GA", "99501", "Anchorage"))).contains(found("America/New_York", "state"));
        assertThat(zones.of(new Place("CA", "MB", null, null))).contains(found("America/Winnipeg", "state"));
        assertThat(zones.of(new Place("AU", "QLD", null, null))).contains(found("Australia/Brisbane", "state"));
        assertThat(zones.of(new Place("MX", "SON", null, null))).contains(found("America/Hermosillo", "state"));
        assertThat(zones.of(new Place("BR", "AM", null, "Manaus"))).contains(found("America/Manaus", "city"));
        assertThat(zones.of(new Place("US", "TX", "79936", "Somewhere"))).contains(found("America/Denver", "zip"));
        assertThat(zones.of(new Place("US", "FL", "32501", null))).contains(found("America/Chicago", "zip"));
        assertThat(zones.of(new Place(null, null, "97914", null))).contains(found("America/Boise", "zip"));
        assertThat(zones.of(new Place("US", "TX", null, "El Paso"))).contains(found("America/Denver", "city"));
        assertThat(zones.of(new Place("US", null, null, "Chicago"))).contains(found("America/Chicago", "city"));
        assertThat(zones.of(new Place(null, null, null, "Memphis, TN, US"))).contains(found("America/Chicago", "city"));
        assertThat(zones.of(new Place("US", "TX", null, "Amarillo Hub"))).contains(found("America/Chicago", "principal"));
        assertThat(zones.of(new Place("ES", null, null, "Madrid"))).contains(found("Europe/Madrid", "principal"));
    }

    @Test
    void aPlaceThatLeavesTheZoneOpenFindsNone() {
        assertThat(zones.of(new Place("US", null, null, null))).isEmpty();
        assertThat(zones.of(new Place("US", null, null, "Springfield"))).isEmpty();
        assertThat(zones.of(new Place(null, null, null, "Paris"))).isEmpty();
        assertThat(zones.of(new Place("RU", null, null, null))).isEmpty();
        assertThat(zones.of(new Place("US", null, "09012", null))).isEmpty();
    }

    @Test
    void everyZoneInTheTablesIsARealZone() {
        assertThat(zones.allEntries()).isNotEmpty().allSatisfy((entry, zone) ->
                assertThat(ZoneId.of(zone.startsWith("~") ? zone.substring(1) : zone)).as(entry).isNotNull());
        assertThat(zones.allEntries().keySet().stream().filter(key -> key.startsWith("zip3 ")).count())
                .as("ZIP3 prefixes covered").isGreaterThan(900);
    }

    private static Found found(String zone, String via) {
        return new Found(ZoneId.of(zone), via);
    }

    private double count(String source, String via) {
        var counter = registry.find("herald.intake.local.times").tag("source", source).tag("via", via).counter();
        return counter == null ? 0 : counter.count();
    }

    private Normalizer normalizer(Map<String, String> settings) {
        Map<String, String> all = new java.util.HashMap<>(settings);
        all.put("herald.mappings-location", "file:mappings/");
        HeraldProperties properties = new Binder(new MapConfigurationPropertySource(all))
                .bindOrCreate("herald", HeraldProperties.class);
        return new Normalizer(new MappingRegistry(new DefaultResourceLoader(), properties), properties,
                new ObjectMapper().findAndRegisterModules(), new HeraldMetrics(registry), java.time.Clock.systemUTC());
    }
}
