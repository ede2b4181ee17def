package io.herald.normalize;

import io.herald.config.HeraldProperties;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.regex.Pattern;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.core.io.support.ResourcePatternUtils;
import org.springframework.stereotype.Component;

/**
 * Finds the mapping of a source id: the file {@code <source>.jsonata} under {@code herald.mappings-location}.
 * A mapping on disk is read again when its modification time changes, so engineers edit mappings without a restart.
 */
@Component
public class MappingRegistry {

    private static final Pattern SOURCE_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

    private final ResourceLoader resources;
    private final String location;
    private final ConcurrentMap<String, Mapping> cache = new ConcurrentHashMap<>();
    /** Where each source's mapping was found: the file itself, for one on the class path. */
    private final ConcurrentMap<String, Resource> located = new ConcurrentHashMap<>();
    /** The sources whose cached mapping came from inside a jar. */
    private final Set<String> sealed = ConcurrentHashMap.newKeySet();

    public MappingRegistry(ResourceLoader resources, HeraldProperties properties) {
        this.resources = resources;
        String configured = properties.mappingsLocation();
        this.location = configured.endsWith("/") ? configured : configured + "/";
    }

    /** The ids of every source with a mapping, in order. */
    public SortedSet<String> sources() {
        SortedSet<String> ids = new TreeSet<>();
        try {
            for (Resource resource : ResourcePatternUtils.getResourcePatternResolver(resources)
                    .getResources(location + "*.jsonata")) {
                String name = resource.getFilename();
                String id = name == null ? "" : name.substring(0, name.length() - ".jsonata".length());
                if (SOURCE_ID.matcher(id).matches()) {
                    ids.add(id);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list the mappings in " + location, e);
        }
        return ids;
    }

    /** Where a source's mapping is, or would be: {@code herald.mappings-location} and {@code <source>.jsonata}. */
    public String locationOf(String source) {
        return location + source + ".jsonata";
    }

    /**
     * The mapping of a source, or empty when no such source exists. A mapping in a file is read again when the file
     * changed (a file on the class path is found through the class loader once, and then looked at directly); one
     * inside a jar (the default run's, on the class path) cannot change, and is not looked up again.
     */
    public Optional<Mapping> find(String source) {
        if (source == null || !SOURCE_ID.matcher(source).matches()) {
            return Optional.empty();
        }
        Mapping cached = cache.get(source);
        if (cached != null && sealed.contains(source)) {
            return Optional.of(cached);
        }
        Resource resource = located.computeIfAbsent(source,
                id -> located(resources.getResource(location + id + ".jsonata")));
        if (!resource.exists()) {
            located.remove(source);
            cache.remove(source);
            return Optional.empty();
        }
        long modified = lastModified(resource);
        if (cached != null && cached.lastModified() == modified) {
            return Optional.of(cached);
        }
        Mapping loaded = new Mapping(source, read(resource), modified);
        cache.put(source, loaded);
        if (inArchive(resource)) {
            sealed.add(source);
        }
        return Optional.of(loaded);
    }

    /** The file itself for a class path resource that is a file, rather than a class loader's lookup each time. */
    private static Resource located(Resource resource) {
        try {
            return resource instanceof ClassPathResource && resource.isFile()
                    ? new FileSystemResource(resource.getFile()) : resource;
        } catch (IOException notThere) {
            return resource;
        }
    }

    /** Whether the resource is inside a jar (or a jar inside a jar): it cannot change while Herald runs. */
    private static boolean inArchive(Resource resource) {
        try {
            String protocol = resource.getURL().getProtocol();
            return "jar".equals(protocol) || "nested".equals(protocol);
        } catch (IOException notAUrl) {
            return false;
        }
    }

    private static long lastModified(Resource resource) {
        try {
            return resource.isFile() ? resource.lastModified() : 0L;
        } catch (IOException e) {
            return 0L;
        }
    }

    private static String read(Resource resource) {
        try (InputStream in = resource.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read mapping " + resource.getDescription(), e);
        }
    }

    /** A source's mapping: a JSONata expression from the raw payload to one canonical event or an array of them. */
    public record Mapping(String source, String expression, long lastModified) {
    }
}
