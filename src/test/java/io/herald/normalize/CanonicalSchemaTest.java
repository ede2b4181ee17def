package io.herald.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Holds the published JSON Schema of the canonical event ({@code docs/canonical-event.schema.json}) to the events the
 * mappings are expected to produce, and checks that it refuses what the canonical model does not allow.
 */
class CanonicalSchemaTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static JsonSchema schema;

    @BeforeAll
    static void loadSchema() throws IOException {
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
        try (InputStream in = Files.newInputStream(Path.of("docs", "canonical-event.schema.json"))) {
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in, config);
        }
    }

    static Stream<Arguments> expectedEvents() throws IOException {
        Path root = MappingFixtures.root();
        Stream.Builder<Arguments> all = Stream.builder();
        for (Path file : MappingFixtures.expectedFiles()) {
            JsonNode events = JSON.readTree(file.toFile());
            for (int i = 0; i < events.size(); i++) {
                all.add(Arguments.of(root.relativize(file).toString().replace('\\', '/'), i, events.get(i)));
            }
        }
        return all.build();
    }

    @ParameterizedTest(name = "{0} event {1}")
    @MethodSource("expectedEvents")
    void expectedEventMatchesTheSchema(String file, int index, JsonNode event) {
        Set<ValidationMessage> problems = schema.validate(event);

        assertThat(problems).as("%s event %d", file, index).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"type\":\"shipment\",\"source\":\"wms\",\"occurredAt\":\"2025-03-01T10:00:00\","
            + "\"shipment\":{\"trackingNumber\":\"1\",\"carrier\":\"ups\",\"status\":\"IN_TRANSIT\"}}",
        "{\"type\":\"shipment\",\"source\":\"wms\",\"occurredAt\":\"2025-03-01T10:00:00Z\","
            + "\"shipment\":{\"trackingNumber\":\"1\",\"carrier\":\"UPS\",\"status\":\"IN_TRANSIT\"}}",
        "{\"type\":\"shipment\",\"source\":\"wms\",\"occurredAt\":\"2025-03-01T10:00:00Z\","
            + "\"shipment\":{\"trackingNumber\":\"1\",\"carrier\":\"ups\",\"status\":\"in_transit\"}}",
        "{\"type\":\"shipment\",\"source\":\"wms\",\"occurredAt\":\"2025-03-01T10:00:00Z\"}",
        "{\"type\":\"shipment\",\"source\":\"ups\",\"occurredAt\":\"2025-03-01T10:00:00Z\","
            + "\"shipment\":{\"trackingNumber\":\"1\",\"carrier\":\"ups\",\"status\":\"IN_TRANSIT\","
            + "\"destination\":{\"city\":\"Los Angeles\",\"street\":\"1 Main St\"}}}",
        "{\"type\":\"shipment\",\"source\":\"ups\",\"occurredAt\":\"2025-03-01T10:00:00Z\","
            + "\"shipment\":{\"trackingNumber\":\"1\",\"carrier\":\"ups\",\"status\":\"IN_TRANSIT\","
            + "\"destination\":{}}}",
        "{\"type\":\"order\",\"source\":\"oms\",\"occurredAt\":\"2025-03-01T10:00:00Z\",\"order\":{\"orderId\":\"1\"}}",
        "{\"type\":\"customer\",\"source\":\"crm\",\"occurredAt\":\"2025-03-01T10:00:00Z\","
            + "\"customer\":{\"customerId\":\"C-1\",\"phone\":\"0170 1234567\"}}",
        "{\"type\":\"customer\",\"source\":\"crm\",\"occurredAt\":\"2025-03-01T10:00:00Z\","
            + "\"customer\":{\"customerId\":\"C-1\",\"channelPreference\":\"NONE\"}}",
        "{\"type\":\"parcel\",\"source\":\"crm\",\"occurredAt\":\"2025-03-01T10:00:00Z\"}",
        "{\"type\":\"customer\",\"source\":\"crm\",\"occurredAt\":\"2025-03-01T10:00:00Z\","
            + "\"customer\":{\"customerId\":\"C-1\"},\"extra\":true}"
    })
    void schemaRefusesWhatTheModelDoesNotAllow(String text) throws IOException {
        assertThat(schema.validate(JSON.readTree(text))).isNotEmpty();
    }
}
