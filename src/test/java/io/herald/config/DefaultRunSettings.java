package io.herald.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

/** The default run's settings as application.yaml gives them, for tests that need them without a Spring context. */
public final class DefaultRunSettings {

    private DefaultRunSettings() {
    }

    /**
     * application.yaml with {@code HERALD_DATA_DIR} at {@code dataDir} and the variables given, with neither the
     * process environment nor system properties. The variables' source is named {@code test}.
     */
    public static StandardEnvironment environment(Path dataDir, Map<String, Object> variables) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
        environment.getPropertySources().remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
        Map<String, Object> test = new HashMap<>(variables);
        test.put("HERALD_DATA_DIR", dataDir.toString());
        environment.getPropertySources().addFirst(new MapPropertySource("test", test));
        environment.getPropertySources().addLast(yaml("application.yaml"));
        return environment;
    }

    /** The default run's database URL (H2 in file mode) for a data folder at {@code dataDir}. */
    public static String databaseUrl(Path dataDir) {
        return environment(dataDir, Map.of()).getProperty("spring.datasource.url");
    }

    /** A YAML file of the classpath as a property source. */
    public static PropertySource<?> yaml(String name) {
        try {
            return new YamlPropertySourceLoader().load(name, new ClassPathResource(name)).get(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
