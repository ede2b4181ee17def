package io.herald.normalize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.herald.canonical.CanonicalEvent;
import io.herald.config.HeraldProperties;
import io.herald.ops.HeraldMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.env.PropertySource;
import org.springframework.boot.context.properties.bind.PropertySourcesPlaceholdersResolver;
import org.springframework.core.io.DefaultResourceLoader;

/**
 * Runs every payload under {@code src/test/resources/payloads/<source>/} through the {@link Normalizer} with the
 * mapping in {@code mappings/<source>.jsonata}, and compares the events with {@code <name>.expected.json}: the
 * fingerprint is ignored (it is only checked to be there) and timestamps are compared as instants. Every payload under
 * {@code invalid/} must be refused with the reason its {@code index.json} names.
 */
class MappingFixturesTest {

    /**
     * The application's own settings (per-source gates and tabular formats among them), with the mappings read from
     * the tree. The WMS fixtures include local timestamps with no zone at all: they take the source's configured zone.
     */
    private static final Map<String, String> SETTINGS = Map.of(
            "herald.mappings-location", "file:mappings/",
            "herald.sources.wms.zone", "Europe/Amsterdam",
            "herald.sources.wms-csv.zone", "Europe/Amsterdam",
            "herald.sources.erp-orders.zone", "Europe/Berlin");
    private static final List<String> INSTANTS = List.of("occurredAt", "estimatedDelivery");

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private final Normalizer normalizer = normalizer();

    static Normalizer normalizer() {
        var yaml = applicationYaml();
        HeraldProperties properties = new Binder(List.of(new MapConfigurationPropertySource(SETTINGS),
                ConfigurationPropertySource.from(yaml)), new PropertySourcesPlaceholdersResolver(List.of(yaml)))
                .bindOrCreate("herald", HeraldProperties.class);
        MappingRegistry registry = new MappingRegistry(new DefaultResourceLoader(), properties);
        return new Normalizer(registry, properties, new ObjectMapper().findAndRegisterModules(),
                new HeraldMetrics(new SimpleMeterRegistry()), Clock.systemUTC());
    }

    private static PropertySource<?> applicationYaml() {
        try {
            return new YamlPropertySourceLoader().load("application", new ClassPathResource("application.yaml")).get(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Stream<Arguments> fixtures() {
        return MappingFixtures.sources().stream()
                .flatMap(source -> MappingFixtures.payloads(source).stream()
                        .map(payload -> Arguments.of(source, payload.getFileName().toString(), payload)));
    }

    static Stream<Arguments> invalidPayloads() throws IOException {
        List<Arguments> all = new ArrayList<>();
        for (String source : MappingFixtures.sources()) {
            Path index = MappingFixtures.root().resolve(source).resolve("invalid").resolve("index.json");
            if (Files.exists(index)) {
                for (JsonNode entry : JSON.readTree(index.toFile())) {
                    all.add(Arguments.of(source, entry.path("file").asText(),
                            RejectReason.valueOf(entry.path("reason").asText()), index.resolveSibling(entry.path("file").asText())));
                }
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0}/{1}")
    @MethodSource("fixtures")
    void payloadMapsToTheExpectedEvents(String source, String name, Path payload) throws IOException {
        Path expectedFile = MappingFixtures.expectedFor(payload);
        assertThat(expectedFile).as("the expected events of %s/%s", source, name).exists();

        List<CanonicalEvent> events = normalizer.normalize(source, Files.readAllBytes(payload));

        assertThat(events).allSatisfy(event -> assertThat(event.fingerprint()).matches("[0-9a-f]{64}"));
        JsonNode actual = comparable(JSON.readTree(JSON.writeValueAsString(events)));
        JsonNode expected = comparable(JSON.readTree(expectedFile.toFile()));
        assertThat(actual.toPrettyString()).isEqualTo(expected.toPrettyString());
    }

    @ParameterizedTest(name = "{0}/invalid/{1} is refused as {2}")
    @MethodSource("invalidPayloads")
    void invalidPayloadIsRefusedWithItsReason(String source, String name, RejectReason reason, Path payload) {
        assertThat(payload).exists();
        byte[] bytes = read(payload);

        assertThatThrownBy(() -> normalizer.normalize(source, bytes))
                .isInstanceOfSatisfying(IntakeRejectedException.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }

    @Test
    void everyInvalidPayloadIsListedInItsIndex() throws IOException {
        for (String source : MappingFixtures.sources()) {
            Path folder = MappingFixtures.root().resolve(source).resolve("invalid");
            if (!Files.isDirectory(folder)) {
                continue;
            }
            Set<String> listed = new TreeSet<>();
            JSON.readTree(folder.resolve("index.json").toFile()).forEach(entry -> listed.add(entry.path("file").asText()));
            Set<String> present = new TreeSet<>();
            try (Stream<Path> files = Files.list(folder)) {
                files.map(p -> p.getFileName().toString()).filter(n -> !n.equals("index.json")).forEach(present::add);
            }
            assertThat(listed).as("the index of %s/invalid", source).isEqualTo(present);
        }
    }

    @Test
    void everyFixtureFolderHasItsMappingAndAtLeastThreeFixtures() {
        assertThat(MappingFixtures.sources()).isNotEmpty().allSatisfy(source -> {
            assertThat(normalizer.knows(source)).as("a mapping for the fixtures of %s", source).isTrue();
            assertThat(MappingFixtures.payloads(source)).as("the fixtures of %s", source).hasSizeGreaterThanOrEqualTo(3);
        });
    }

    @Test
    void unknownSourceIsRefused() {
        assertThatThrownBy(() -> normalizer.normalize("no-such-source", "{}".getBytes()))
                .isInstanceOfSatisfying(IntakeRejectedException.class,
                        e -> assertThat(e.reason()).isEqualTo(RejectReason.UNKNOWN_SOURCE));
    }

    /** Drops fingerprints and rewrites every timestamp as the instant it names, so offsets do not matter. */
    private static JsonNode comparable(JsonNode events) {
        ArrayNode array = events.isArray() ? (ArrayNode) events : JSON.createArrayNode().add(events);
        for (JsonNode event : array) {
            ObjectNode object = (ObjectNode) event;
            object.remove("fingerprint");
            instants(object);
            for (String section : List.of("shipment", "order", "customer")) {
                if (object.get(section) instanceof ObjectNode nested) {
                    instants(nested);
                }
            }
        }
        return array;
    }

    private static void instants(ObjectNode object) {
        for (String field : INSTANTS) {
            JsonNode value = object.get(field);
            if (value != null && value.isTextual()) {
                object.put(field, OffsetDateTime.parse(value.asText()).toInstant().toString());
            }
        }
    }

    private static byte[] read(Path path) {
        try {
            return Files.readAllBytes(path);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
