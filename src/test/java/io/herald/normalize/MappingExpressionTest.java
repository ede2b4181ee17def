package io.herald.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import io.herald.MovableClock;
import io.herald.normalize.MappingRegistry.Mapping;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * One parsed version of a mapping serves every payload of that version: evaluated again and again, and from several
 * threads at once, it answers each payload as a freshly parsed one would, and no evaluation sees another's variables.
 */
class MappingExpressionTest {

    /**
     * Remembers a variable in the mapping's block and reports whether an earlier evaluation left it behind. Where an
     * evaluation's frame nested in the previous one's (jsonata-java reusing a parsed expression naively), every
     * evaluation after the first saw it, each lookup walked two frames more per payload, and the lookups overflowed
     * the stack after some thousands of payloads.
     */
    private static final String REMEMBERING = """
            (
              $seen := $exists($before);
              $before := n;
              {"n": n, "seen": $seen, "name": $uppercase($text(name)), "source": $source}
            )""";

    @Test
    void aParsedMappingEvaluatedTenThousandTimesAnswersEachPayloadAndSeesNothingOfTheEarlierOnes() {
        MappingExpression expression = MappingExpression.parse(new Mapping("probe", REMEMBERING, 1L),
                Clock.systemUTC());

        for (int n = 0; n < 10_000; n++) {
            assertThat(expression.evaluate(Map.of("n", n, "name", "  parcel " + n + " ")))
                    .as("evaluation %d", n)
                    .isEqualTo(Map.of("n", n, "seen", false, "name", "PARCEL " + n, "source", "probe"));
        }
    }

    @Test
    void threadsEvaluatingOneParsedMappingAtOnceEachGetTheirOwnPayloadsAnswers() throws Exception {
        MappingExpression expression = MappingExpression.parse(new Mapping("probe", REMEMBERING, 1L),
                Clock.systemUTC());
        int threads = 8;
        int perThread = 2_000;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<List<Object>>> answers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                answers.add(pool.submit(() -> {
                    start.await();
                    List<Object> mine = new ArrayList<>();
                    for (int i = 0; i < perThread; i++) {
                        mine.add(expression.evaluate(Map.of("n", thread * perThread + i, "name", "t" + thread)));
                    }
                    return mine;
                }));
            }
            start.countDown();
            for (int t = 0; t < threads; t++) {
                List<Object> mine = answers.get(t).get();
                for (int i = 0; i < perThread; i++) {
                    assertThat(mine.get(i)).as("thread %d, evaluation %d", t, i).isEqualTo(
                            Map.of("n", t * perThread + i, "seen", false, "name", "T" + t, "source", "probe"));
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void nowIsTheClocksTimeOnEachEvaluation() {
        MovableClock clock = new MovableClock(Instant.parse("2026-03-01T09:30:00Z"));
        MappingExpression expression = MappingExpression.parse(
                new Mapping("probe", "{\"at\": $now(), \"local\": $now('[H01]:[m01]', '+0100')}", 1L), clock);

        assertThat(expression.evaluate(Map.of())).isEqualTo(Map.of("at", "2026-03-01T09:30:00.000Z", "local", "10:30"));
        clock.advance(Duration.ofMinutes(5));
        assertThat(expression.evaluate(Map.of())).isEqualTo(Map.of("at", "2026-03-01T09:35:00.000Z", "local", "10:35"));
    }
}
