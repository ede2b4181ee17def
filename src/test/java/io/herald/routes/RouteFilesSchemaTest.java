package io.herald.routes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every route file is standard Camel YAML DSL: it validates against the schema that ships in camel-yaml-dsl. */
class RouteFilesSchemaTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final JsonSchema SCHEMA = loadSchema();

    private static JsonSchema loadSchema() {
        try (InputStream in = RouteFilesSchemaTest.class.getClassLoader()
                .getResourceAsStream("schema/camelYamlDsl.json")) {
            assertThat(in).as("camelYamlDsl.json on the classpath").isNotNull();
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<Path> routeFiles() throws IOException {
        try (Stream<Path> files = Files.walk(Path.of("routes"))) {
            return files.filter(p -> p.toString().endsWith(".camel.yaml")).sorted().toList();
        }
    }

    @Test
    void theProjectHasRouteFiles() throws IOException {
        assertThat(routeFiles()).hasSizeGreaterThanOrEqualTo(10);
    }

    @ParameterizedTest
    @MethodSource("routeFiles")
    void routeFileValidatesAgainstTheYamlDslSchema(Path file) throws IOException {
        JsonNode routes = YAML.readTree(file.toFile());
        Set<ValidationMessage> problems = SCHEMA.validate(routes);
        assertThat(problems).as(file + " against camelYamlDsl.json").isEmpty();
    }

    @Test
    void everyIdIsUniqueAcrossAllRouteFiles() throws IOException {
        java.util.Map<String, Path> seen = new java.util.HashMap<>();
        for (Path file : routeFiles()) {
            for (String id : ids(YAML.readTree(file.toFile()), new java.util.ArrayList<>())) {
                Path first = seen.putIfAbsent(id, file);
                assertThat(first).as("id '%s' in %s is also used in %s", id, file, first).isNull();
            }
        }
    }

    private static List<String> ids(JsonNode node, List<String> into) {
        if (node.isObject()) {
            node.fields().forEachRemaining(field -> {
                if ("id".equals(field.getKey()) && field.getValue().isTextual()) {
                    into.add(field.getValue().asText());
                } else {
                    ids(field.getValue(), into);
                }
            });
        } else if (node.isArray()) {
            node.forEach(child -> ids(child, into));
        }
        return into;
    }

    @ParameterizedTest
    @MethodSource("routeFiles")
    void everyRouteHasAnIdAGroupAndADescription(Path file) throws IOException {
        for (JsonNode entry : YAML.readTree(file.toFile())) {
            JsonNode route = entry.get("route");
            if (route != null) {
                assertThat(route.path("id").asText()).as(file + " route id").isNotBlank();
                assertThat(route.path("group").asText()).as(file + " route group").isNotBlank();
                assertThat(route.path("description").asText()).as(file + " route description").isNotBlank();
            }
        }
    }
}
