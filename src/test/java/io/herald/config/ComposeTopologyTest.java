package io.herald.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * docker-compose.yml keeps every store's data in a named volume, at the folder the store really writes to, so that
 * recreating the containers (docker compose down, up, a new image) empties neither the broker, the database nor
 * Herald's own data folder. No Docker engine runs where the tests run, so this reads the file as compose reads it.
 */
class ComposeTopologyTest {

    private static final Path COMPOSE = Path.of("docker-compose.yml");

    @Test
    void brokerDatabaseAndHeraldKeepTheirDataInNamedVolumes() throws IOException {
        Map<String, Object> compose = read(COMPOSE);
        Map<String, Object> services = map(compose.get("services"));
        Map<String, Object> declared = map(compose.get("volumes"));

        String kafkaLogs = (String) map(map(services.get("kafka")).get("environment")).get("KAFKA_LOG_DIRS");
        assertThat(namedVolumeAt(services, "kafka", kafkaLogs)).as("the broker's log folder, KAFKA_LOG_DIRS")
                .isNotNull().satisfies(volume -> assertThat(declared).containsKey(volume));
        // the official image's PGDATA
        assertThat(namedVolumeAt(services, "postgres", "/var/lib/postgresql/data")).isNotNull()
                .satisfies(volume -> assertThat(declared).containsKey(volume));
        assertThat(namedVolumeAt(services, "herald", heraldDataDir())).as("HERALD_DATA_DIR of the Dockerfile")
                .isNotNull().satisfies(volume -> assertThat(declared).containsKey(volume));
        assertThat(namedVolumeAt(services, "kafka", kafkaLogs))
                .isNotEqualTo(namedVolumeAt(services, "postgres", "/var/lib/postgresql/data"));
    }

    @Test
    void theBrokersVolumeIsHandedToTheBrokersUserBeforeTheBrokerStarts() throws IOException {
        Map<String, Object> services = map(read(COMPOSE).get("services"));
        Map<String, Object> kafka = map(services.get("kafka"));
        String kafkaLogs = (String) map(kafka.get("environment")).get("KAFKA_LOG_DIRS");
        String volume = namedVolumeAt(services, "kafka", kafkaLogs);

        // a new named volume belongs to root; the apache/kafka image runs as uid 1000
        Map<String, Object> dependsOn = map(kafka.get("depends_on"));
        String owner = dependsOn.keySet().stream()
                .filter(name -> volume.equals(namedVolumeAt(services, name, kafkaLogs))).findFirst().orElseThrow();
        assertThat(map(dependsOn.get(owner)).get("condition")).isEqualTo("service_completed_successfully");
        assertThat(String.join(" ", strings(map(services.get(owner)).get("entrypoint"))))
                .contains("chown", "1000:1000", kafkaLogs);
    }

    /** The named volume a service mounts at a path, or null when the path is not a named volume's. */
    private static String namedVolumeAt(Map<String, Object> services, String service, String path) {
        for (String mount : strings(map(services.get(service)).getOrDefault("volumes", List.of()))) {
            String[] parts = mount.split(":");
            boolean named = !parts[0].startsWith("/") && !parts[0].startsWith(".");
            if (parts.length >= 2 && named && parts[1].equals(path)) {
                return parts[0];
            }
        }
        return null;
    }

    private static String heraldDataDir() throws IOException {
        Matcher dataDir = Pattern.compile("HERALD_DATA_DIR=(\\S+)").matcher(Files.readString(Path.of("Dockerfile")));
        assertThat(dataDir.find()).as("the Dockerfile sets HERALD_DATA_DIR").isTrue();
        return dataDir.group(1);
    }

    private static Map<String, Object> read(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file)) {
            return new Yaml().load(reader);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        assertThat(value).isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<String> strings(Object value) {
        assertThat(value).isInstanceOf(List.class);
        return (List<String>) value;
    }
}
