package io.herald.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import io.herald.config.HeraldProperties;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.core.io.DefaultResourceLoader;

/**
 * Mappings on the class path, as the default run has them: found through the class loader on the first payload, not
 * on every one. One in a folder is then looked at directly, and read again when it changes; one inside a jar cannot change.
 */
class MappingRegistryTest {

    @TempDir
    Path root;

    @Test
    void mappingInAClassPathFolderIsLookedUpOnceAndReadAgainWhenItChanges() throws IOException {
        Path file = Files.createDirectories(root.resolve("mappings")).resolve("probe.jsonata");
        write(file, "'one'", 1_000_000_000L);
        CountingLoader loader = new CountingLoader(root.toUri().toURL());
        MappingRegistry registry = onClassPath(loader);

        assertThat(registry.find("probe").orElseThrow().expression()).isEqualTo("'one'");
        int found = loader.lookups.get();
        assertThat(registry.find("probe").orElseThrow().expression()).isEqualTo("'one'");
        write(file, "'two'", 1_000_060_000L);
        assertThat(registry.find("probe").orElseThrow().expression()).isEqualTo("'two'");
        assertThat(loader.lookups.get()).as("class loader lookups after the first find").isEqualTo(found);

        Files.delete(file);
        assertThat(registry.find("probe")).isEmpty();
        write(file, "'three'", 1_000_120_000L);
        assertThat(registry.find("probe").orElseThrow().expression()).isEqualTo("'three'");
    }

    @Test
    void mappingInsideAJarIsLookedUpOnce() throws IOException {
        Path jar = root.resolve("mappings.jar");
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream entries = new JarOutputStream(out)) {
            entries.putNextEntry(new JarEntry("mappings/probe.jsonata"));
            entries.write("'jarred'".getBytes(StandardCharsets.UTF_8));
            entries.closeEntry();
        }
        CountingLoader loader = new CountingLoader(jar.toUri().toURL());
        MappingRegistry registry = onClassPath(loader);

        assertThat(registry.find("probe").orElseThrow().expression()).isEqualTo("'jarred'");
        int found = loader.lookups.get();
        for (int i = 0; i < 5; i++) {
            assertThat(registry.find("probe").orElseThrow().expression()).isEqualTo("'jarred'");
        }
        assertThat(loader.lookups.get()).as("class loader lookups after the first find").isEqualTo(found);
        assertThat(registry.find("missing")).isEmpty();
    }

    private static MappingRegistry onClassPath(ClassLoader loader) {
        HeraldProperties properties = new Binder(new MapConfigurationPropertySource(
                Map.of("herald.mappings-location", "classpath:mappings/")))
                .bindOrCreate("herald", HeraldProperties.class);
        return new MappingRegistry(new DefaultResourceLoader(loader), properties);
    }

    private static void write(Path file, String expression, long modifiedMillis) throws IOException {
        Files.writeString(file, expression);
        Files.setLastModifiedTime(file, FileTime.fromMillis(modifiedMillis));
    }

    /** A class loader of one folder or jar, counting the lookups of the mappings in it. */
    private static final class CountingLoader extends URLClassLoader {

        final AtomicInteger lookups = new AtomicInteger();

        CountingLoader(URL url) {
            super(new URL[] {url}, null);
        }

        @Override
        public URL getResource(String name) {
            if (name.startsWith("mappings/")) {
                lookups.incrementAndGet();
            }
            return super.getResource(name);
        }
    }
}
