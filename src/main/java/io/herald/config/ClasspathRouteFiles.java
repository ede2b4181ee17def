package io.herald.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.camel.spi.Resource;
import org.apache.camel.spi.ResourceLoader;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.scan.DefaultPackageScanResourceResolver;
import org.springframework.core.io.support.ResourcePatternResolver;

/**
 * Finds classpath files by pattern ({@code classpath:routes/core/*.camel.yaml}, {@code camel.main.routes-include-pattern})
 * with Spring's resolver, which lists a jar's entries from its index.
 *
 * <p>camel-spring-boot's own resolver ({@code FatJarPackageScanResourceResolver}) reads the packaged jar as a stream
 * to find them: every entry of every nested jar is inflated and thrown away, once per pattern. With Herald's 130 MB jar
 * and one pattern per routes folder that took 30 s of the default run's start on 2 cores (docs/benchmarks.md,
 * "Startup"). A file found in a jar is handed to Camel as {@code classpath:<path>}, one in a folder on the
 * classpath as {@code file:<path>}, as Camel's resolver does. Locations that are no pattern, and {@code file:} patterns, are Camel's as before.
 */
final class ClasspathRouteFiles extends DefaultPackageScanResourceResolver {

    private static final String CLASSPATH_ALL = ResourcePatternResolver.CLASSPATH_ALL_URL_PREFIX;

    private final ResourcePatternResolver spring;

    ClasspathRouteFiles(ResourcePatternResolver spring) {
        this.spring = spring;
    }

    /**
     * @param folder     the pattern's folder on the classpath, e.g. {@code routes/core}
     * @param subPattern the rest of the pattern, e.g. {@code *.camel.yaml}
     * @param filter     which file names to take; null takes every one but {@code .class} files, as Camel does
     */
    @Override
    protected void findInClasspath(String folder, Set<Resource> found, String subPattern, Predicate<String> filter) {
        String root = folder.isEmpty() || folder.endsWith("/") ? folder : folder + "/";
        ResourceLoader camel = PluginHelper.getResourceLoader(getCamelContext());
        try {
            List<String> roots = new ArrayList<>();
            for (org.springframework.core.io.Resource dir : spring.getResources(CLASSPATH_ALL + root)) {
                roots.add(dir.getURL().toString());
            }
            for (org.springframework.core.io.Resource file : spring.getResources(CLASSPATH_ALL + root + subPattern)) {
                String name = file.getFilename();
                if (name == null || !(filter == null ? !name.endsWith(".class") : filter.test(name))) {
                    continue;
                }
                if (file.isFile()) {
                    found.add(camel.resolveResource("file:" + file.getFile().getPath()));
                    continue;
                }
                String url = file.getURL().toString();
                roots.stream().filter(url::startsWith).findFirst()
                        .map(dir -> camel.resolveResource("classpath:" + root + url.substring(dir.length())))
                        .ifPresent(found::add);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not list classpath:" + root + subPattern, e);
        }
    }
}
