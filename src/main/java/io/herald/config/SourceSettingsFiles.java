package io.herald.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.apache.commons.logging.Log;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Reads the settings files of added sources: every {@code *.yaml} and {@code *.yml} file in
 * {@code herald.source-settings-location} ({@code file:./config/sources/} by default, so {@code config/sources/} in
 * the folder Herald runs from), one file a source, named after its id and written like application.yaml
 * ({@code herald.sources.<id>.*}). A missing folder is no error.
 *
 * <p>The files rank above application.yaml, its profile files and {@code ./config/application.yaml}, so a file sets
 * what the built-in defaults say about its source; command-line arguments and environment variables still override
 * them, so a secret stays in the environment ({@code HERALD_SOURCES_<ID>_SECRET}).
 */
public class SourceSettingsFiles implements EnvironmentPostProcessor, Ordered {

    static final String LOCATION = "herald.source-settings-location";
    static final String DEFAULT_LOCATION = "file:./config/sources/";
    private static final String NAME_PREFIX = "heraldSourceSettings ";

    private final Log log;

    public SourceSettingsFiles(DeferredLogFactory logFactory) {
        this.log = logFactory.getLog(SourceSettingsFiles.class);
    }

    /** After application.yaml and the profile files, which may name the location, have been read. */
    @Override
    public int getOrder() {
        return ConfigDataEnvironmentPostProcessor.ORDER + 1;
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        MutablePropertySources sources = environment.getPropertySources();
        if (sources.stream().anyMatch(source -> source.getName().startsWith(NAME_PREFIX))) {
            return;
        }
        String location = environment.getProperty(LOCATION, DEFAULT_LOCATION).trim();
        String folder = location.endsWith("/") ? location : location + "/";
        String above = StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME;
        for (Resource file : files(folder)) {
            List<PropertySource<?>> documents = read(file);
            for (PropertySource<?> document : documents) {
                if (sources.contains(above)) {
                    sources.addAfter(above, document);
                } else {
                    sources.addFirst(document);
                }
                above = document.getName();
            }
            log.info("Read source settings from " + folder + file.getFilename());
        }
    }

    private static List<Resource> files(String folder) {
        PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();
        List<Resource> files = new ArrayList<>();
        try {
            for (String pattern : List.of("*.yaml", "*.yml")) {
                files.addAll(Arrays.asList(resolver.getResources(folder + pattern)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list the source settings in " + folder, e);
        }
        files.removeIf(file -> !file.isReadable());
        files.sort(Comparator.comparing(Resource::getFilename));
        return files;
    }

    private static List<PropertySource<?>> read(Resource file) {
        try {
            return new YamlPropertySourceLoader().load(NAME_PREFIX + file.getFilename(), file);
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("Cannot read the source settings file " + file.getFilename(), e);
        }
    }
}
