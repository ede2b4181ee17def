package io.herald.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.herald.MovableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TimeOrderedIdsTest {

    private final MovableClock clock = new MovableClock(Instant.parse("2026-11-29T18:00:00.123Z"));
    private final TimeOrderedIds ids = new TimeOrderedIds(clock);

    @Test
    void anIdIsAVersion7UuidStartingWithTheClocksMilliseconds() {
        UUID id = UUID.fromString(ids.next());

        assertThat(id.version()).isEqualTo(7);
        assertThat(id.variant()).isEqualTo(2);
        assertThat(id.getMostSignificantBits() >>> 16).isEqualTo(clock.millis());
    }

    @Test
    void laterIdsSortLaterAsTextAndNoTwoAreTheSame() {
        Set<String> seen = new HashSet<>();
        String previous = ids.next();
        seen.add(previous);
        for (int i = 0; i < 1_000; i++) {
            clock.advance(Duration.ofMillis(1));
            String next = ids.next();
            assertThat(next).isGreaterThan(previous);
            assertThat(seen.add(next)).isTrue();
            previous = next;
        }
        for (int i = 0; i < 1_000; i++) {
            assertThat(seen.add(ids.next())).as("ids of the same millisecond differ").isTrue();
        }
    }
}
