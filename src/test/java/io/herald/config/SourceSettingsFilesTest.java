package io.herald.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/** The settings files of added sources, read from their folder into the environment, ranked as documented. */
class SourceSettingsFilesTest {

    @TempDir
    Path folder;

    private final StandardEnvironment environment = new StandardEnvironment();

    private void applicationYaml(Map<String, Object> properties) {
        environment.getPropertySources().addLast(new MapPropertySource("Config resource 'application.yaml'",
                properties));
    }

    private void readSettingsFiles() {
        new SourceSettingsFiles(Supplier::get).postProcessEnvironment(environment, new SpringApplication());
    }

    private void write(String name, String yaml) throws IOException {
        Files.writeString(folder.resolve(name), yaml);
    }

    @Test
    void aSourcesFileInTheFolderOverridesApplicationYaml() throws IOException {
        write("acme-parcel.yaml", """
                herald:
                  sources:
                    acme-parcel:
                      zone: Europe/Berlin
                      signature: api-key
                """);
        write("acme-manifest.yml", "herald.sources.acme-manifest.format: csv\n");
        write("notes.txt", "herald.sources.acme-parcel.zone: Asia/Tokyo\n");
        applicationYaml(Map.of("herald.source-settings-location", folder.toUri().toString(),
                "herald.sources.acme-parcel.zone", "UTC"));

        readSettingsFiles();

        assertThat(environment.getProperty("herald.sources.acme-parcel.zone")).isEqualTo("Europe/Berlin");
        assertThat(environment.getProperty("herald.sources.acme-parcel.signature")).isEqualTo("api-key");
        assertThat(environment.getProperty("herald.sources.acme-manifest.format")).isEqualTo("csv");
    }

    @Test
    void theEnvironmentStillOverridesASourcesFile() throws IOException {
        write("acme-parcel.yaml", "herald.sources.acme-parcel.zone: Europe/Berlin\n");
        environment.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new MapPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                        Map.of("herald.sources.acme-parcel.zone", "Europe/Vienna")));
        applicationYaml(Map.of("herald.source-settings-location", folder.toUri().toString()));

        readSettingsFiles();

        assertThat(environment.getProperty("herald.sources.acme-parcel.zone")).isEqualTo("Europe/Vienna");
    }

    @Test
    void aMissingFolderIsNoError() {
        applicationYaml(Map.of("herald.source-settings-location", folder.toUri() + "absent/",
                "herald.sources.acme-parcel.zone", "UTC"));
        int before = environment.getPropertySources().size();

        readSettingsFiles();

        assertThat(environment.getPropertySources().size()).isEqualTo(before);
        assertThat(environment.getProperty("herald.sources.acme-parcel.zone")).isEqualTo("UTC");
    }
}
