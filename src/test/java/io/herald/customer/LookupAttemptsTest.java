package io.herald.customer;

import static org.assertj.core.api.Assertions.assertThat;

import io.herald.MovableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LookupAttemptsTest {

    private final MovableClock clock = new MovableClock(Instant.parse("2026-03-01T10:00:00Z"));
    private final LookupAttempts attempts = new LookupAttempts(clock);

    @Test
    void orderNumberTakesNoLookupAfterFiveFailuresUntilTheyAgeOut() {
        for (int i = 0; i < LookupAttempts.MAX_FAILURES; i++) {
            assertThat(attempts.allowed("SO-1")).isTrue();
            attempts.failed("SO-1");
            clock.advance(Duration.ofMinutes(1));
        }
        assertThat(attempts.allowed("SO-1")).isFalse();
        assertThat(attempts.allowed(" so-1 ")).as("however it is typed").isFalse();
        assertThat(attempts.allowed("SO-2")).as("other orders are not held back").isTrue();

        clock.advance(LookupAttempts.WINDOW.minusMinutes(5));
        assertThat(attempts.allowed("SO-1")).as("the first failure is a window old").isTrue();
        attempts.failed("SO-1");
        assertThat(attempts.allowed("SO-1")).isFalse();
    }
}
