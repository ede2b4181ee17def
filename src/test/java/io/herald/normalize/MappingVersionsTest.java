package io.herald.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.herald.canonical.CanonicalEvent;
import io.herald.config.HeraldProperties;
import io.herald.ops.HeraldMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.core.io.DefaultResourceLoader;

/**
 * A mapping is parsed on its first payload and not again while it is unchanged; an edited mapping, a new version, is
 * parsed again and maps every payload after the edit, the old version none.
 */
class MappingVersionsTest {

    private static final byte[] PAYLOAD = """
            {"trackingNumber": "1Z999AA10123456784", "at": "2026-03-01T09:30:00Z"}
            """.getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path mappings;

    @Test
    void anEditedMappingIsParsedAgainAndItsNewVersionMapsThePayloadsAfterTheEdit() throws IOException {
        Path file = mappings.resolve("probe.jsonata");
        write(file, "IN_TRANSIT", 1_000_000_000L);
        HeraldProperties properties = new Binder(new MapConfigurationPropertySource(
                Map.of("herald.mappings-location", mappings.toUri().toString())))
                .bindOrCreate("herald", HeraldProperties.class);
        MappingRegistry registry = new MappingRegistry(new DefaultResourceLoader(), properties);
        Normalizer normalizer = new Normalizer(registry, properties, new ObjectMapper().findAndRegisterModules(),
                new HeraldMetrics(new SimpleMeterRegistry()), Clock.systemUTC());

        assertThat(statusOf(normalizer.normalize("probe", PAYLOAD))).isEqualTo("IN_TRANSIT");
        MappingExpression first = normalizer.expressionOf(registry.find("probe").orElseThrow());
        assertThat(statusOf(normalizer.normalize("probe", PAYLOAD))).isEqualTo("IN_TRANSIT");
        assertThat(normalizer.expressionOf(registry.find("probe").orElseThrow()))
                .as("the same version is not parsed again").isSameAs(first);

        write(file, "DELIVERED", 1_000_060_000L);

        assertThat(statusOf(normalizer.normalize("probe", PAYLOAD))).isEqualTo("DELIVERED");
        MappingExpression second = normalizer.expressionOf(registry.find("probe").orElseThrow());
        assertThat(second).as("the edited version is parsed again").isNotSameAs(first);
        assertThat(second.mapping().expression()).contains("DELIVERED");
        assertThat(statusOf(normalizer.normalize("probe", PAYLOAD))).isEqualTo("DELIVERED");
        assertThat(normalizer.expressionOf(registry.find("probe").orElseThrow())).isSameAs(second);
    }

    private static void write(Path file, String status, long modifiedMillis) throws IOException {
        Files.writeString(file, """
                {
                  "type": "shipment",
                  "occurredAt": at,
                  "shipment": {"trackingNumber": trackingNumber, "carrier": "ups", "status": "%s"}
                }
                """.formatted(status));
        Files.setLastModifiedTime(file, FileTime.fromMillis(modifiedMillis));
    }

    private static String statusOf(List<CanonicalEvent> events) {
        assertThat(events).hasSize(1);
        return events.get(0).shipment().status().name();
    }
}
