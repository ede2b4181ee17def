package io.herald.normalize;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Finds the fixture payloads under {@code payloads/<source>/} on the test classpath. */
final class MappingFixtures {

    static final String EXPECTED_SUFFIX = ".expected.json";

    private MappingFixtures() {
    }

    /** The folder that holds one folder per source id. */
    static Path root() {
        URL url = MappingFixtures.class.getResource("/payloads");
        if (url == null) {
            throw new IllegalStateException("No payloads folder on the test classpath");
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The source ids that have fixtures. */
    static List<String> sources() {
        try (Stream<Path> folders = Files.list(root())) {
            return folders.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The valid payloads of a source: every {@code *.json}, {@code *.xml}, {@code *.csv} or {@code *.txt} (fixed-width)
     * beside the expected files, not in {@code invalid/}.
     */
    static List<Path> payloads(String source) {
        try (Stream<Path> files = Files.list(root().resolve(source))) {
            return files.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().matches(".*\\.(json|xml|csv|txt)"))
                    .filter(p -> !p.getFileName().toString().endsWith(EXPECTED_SUFFIX))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every {@code *.expected.json} of every source. */
    static List<Path> expectedFiles() {
        try (Stream<Path> files = Files.walk(root())) {
            return files.filter(p -> p.getFileName().toString().endsWith(EXPECTED_SUFFIX)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path expectedFor(Path payload) {
        String name = payload.getFileName().toString();
        return payload.resolveSibling(name.substring(0, name.lastIndexOf('.')) + EXPECTED_SUFFIX);
    }
}
