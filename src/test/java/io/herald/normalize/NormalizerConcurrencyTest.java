package io.herald.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import io.herald.canonical.CanonicalEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The normalizer caches parsed mappings; many threads mapping payloads of different sources at once get exactly
 * the events that mapping them one at a time gives.
 */
class NormalizerConcurrencyTest {

    @Test
    void concurrentNormalizationOfDifferentSourcesGivesTheSameEventsAsSequential() throws Exception {
        Normalizer normalizer = MappingFixturesTest.normalizer();
        List<String> sources = new ArrayList<>();
        List<byte[]> payloads = new ArrayList<>();
        for (String source : MappingFixtures.sources()) {
            for (Path payload : MappingFixtures.payloads(source)) {
                sources.add(source);
                payloads.add(Files.readAllBytes(payload));
            }
        }
        List<List<CanonicalEvent>> sequential = new ArrayList<>();
        for (int i = 0; i < payloads.size(); i++) {
            sequential.add(normalizer.normalize(sources.get(i), payloads.get(i)));
        }

        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<CanonicalEvent>>> results = new ArrayList<>();
            for (int round = 0; round < 20; round++) {
                for (int i = 0; i < payloads.size(); i++) {
                    int n = i;
                    results.add(pool.submit(() -> normalizer.normalize(sources.get(n), payloads.get(n))));
                }
            }
            for (int r = 0; r < results.size(); r++) {
                assertThat(results.get(r).get()).as("payload %d of %s", r % payloads.size(),
                        sources.get(r % payloads.size())).isEqualTo(sequential.get(r % payloads.size()));
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
