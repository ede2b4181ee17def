package io.herald.normalize;

import io.herald.config.HeraldProperties;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
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
    private final ConcurrentMap<String, Found> found = new ConcurrentHashMap<>();

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
        Found known = found.get(source);
        if (known != null && known.sealed()) {
            return Optional.of(known.mapping());
        }
        Resource where = known != null ? known.where() : located(resources.getResource(locationOf(source)));
        if (!where.exists()) {
            found.remove(source);
            return Optional.empty();
        }
        long modified = lastModified(where);
        if (known != null && known.mapping().lastModified() == modified) {
            return Optional.of(known.mapping());
        }
        Mapping loaded = new Mapping(source, read(where), modified);
        found.put(source, new Found(where, loaded, inArchive(where)));
        return Optional.of(loaded);
    }

    /**
     * A source's mapping as last read, and where: the file itself for one on the class path; sealed when it is inside
     * a jar, which cannot change.
     */
    private record Found(Resource where, Mapping mapping, boolean sealed) {
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
