package io.herald.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.PackageScanResourceResolver;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.scan.DefaultPackageScanResourceResolver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/** Route files found by pattern through Spring's resolver, in a jar, in a folder and on the file system. */
class ClasspathRouteFilesTest {

    @TempDir
    Path dir;

    @Test
    void findsTheRouteFilesOfOneFolderInsideAJar() throws Exception {
        Path jar = jar(Map.of(
                "routes/core/a.camel.yaml", "- route: {id: a}",
                "routes/core/b.camel.yaml", "- route: {id: b}",
                "routes/core/readme.txt", "not a route",
                "routes/intake/c.camel.yaml", "- route: {id: c}"));
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null);
                DefaultCamelContext camel = new DefaultCamelContext()) {
            camel.setApplicationContextClassLoader(loader);
            ClasspathRouteFiles files = install(camel, new ClasspathRouteFiles(new PathMatchingResourcePatternResolver(loader)));

            Collection<Resource> found = files.findResources("classpath:routes/core/*.camel.yaml");

            assertThat(found).extracting(Resource::getLocation)
                    .containsExactlyInAnyOrder("classpath:routes/core/a.camel.yaml", "classpath:routes/core/b.camel.yaml");
            assertThat(found).extracting(ClasspathRouteFilesTest::text)
                    .containsExactlyInAnyOrder("- route: {id: a}", "- route: {id: b}");
        }
    }

    @Test
    void findsTheSameRouteFilesAsCamelsOwnResolverInEveryRoutesFolder() throws Exception {
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            ClasspathRouteFiles files = install(camel, new ClasspathRouteFiles(new PathMatchingResourcePatternResolver()));
            DefaultPackageScanResourceResolver camels = new DefaultPackageScanResourceResolver();
            camels.setCamelContext(camel);

            for (String folder : List.of("_shared", "core", "intake", "channels", "polling")) {
                String pattern = "classpath:routes/" + folder + "/*.camel.yaml";
                assertThat(files.findResources(pattern)).as(pattern).isNotEmpty()
                        .extracting(Resource::getLocation)
                        .containsExactlyInAnyOrderElementsOf(
                                camels.findResources(pattern).stream().map(Resource::getLocation).toList());
            }
        }
    }

    @Test
    void leavesFilePatternsToCamel() throws Exception {
        Files.createDirectories(dir.resolve("routes/core"));
        Files.writeString(dir.resolve("routes/core/a.camel.yaml"), "- route: {id: a}");
        Files.writeString(dir.resolve("routes/core/readme.txt"), "not a route");
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            ClasspathRouteFiles files = install(camel, new ClasspathRouteFiles(new PathMatchingResourcePatternResolver()));

            Collection<Resource> found = files.findResources("file:" + dir.resolve("routes/core") + "/*.camel.yaml");

            assertThat(found).extracting(ClasspathRouteFilesTest::text).containsExactly("- route: {id: a}");
        }
    }

    private static ClasspathRouteFiles install(DefaultCamelContext camel, ClasspathRouteFiles files) {
        camel.getCamelContextExtension().addContextPlugin(PackageScanResourceResolver.class, files);
        return files;
    }

    /** A jar with the given files and, as any built jar, an entry for each of their folders. */
    private Path jar(Map<String, String> entries) throws IOException {
        Path jar = dir.resolve("routes.jar");
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream zip = new JarOutputStream(out)) {
            for (String folder : new TreeSet<>(entries.keySet().stream()
                    .flatMap(name -> Stream.iterate(name.substring(0, name.lastIndexOf('/') + 1),
                            f -> !f.isEmpty(), f -> f.substring(0, f.lastIndexOf('/', f.length() - 2) + 1)))
                    .toList())) {
                zip.putNextEntry(new JarEntry(folder));
                zip.closeEntry();
            }
            for (var entry : entries.entrySet()) {
                zip.putNextEntry(new JarEntry(entry.getKey()));
                zip.write(entry.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return jar;
    }

    private static String text(Resource resource) {
        try (InputStream in = resource.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
