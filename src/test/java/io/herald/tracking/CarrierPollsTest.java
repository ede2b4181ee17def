package io.herald.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How a 429's Retry-After is read (RFC 9110: delta-seconds or an HTTP date). */
class CarrierPollsTest {

    private static final Instant NOW = Instant.parse("2026-03-10T09:00:00Z");

    @Test
    void retryAfterInSeconds() {
        assertThat(CarrierPolls.retryAfter(Map.of("Retry-After", "120"), NOW)).isEqualTo(Duration.ofSeconds(120));
        assertThat(CarrierPolls.retryAfter(Map.of("retry-after", " 7 "), NOW)).isEqualTo(Duration.ofSeconds(7));
    }

    @Test
    void retryAfterAsHttpDate() {
        assertThat(CarrierPolls.retryAfter(Map.of("Retry-After", "Tue, 10 Mar 2026 09:05:00 GMT"), NOW))
                .isEqualTo(Duration.ofMinutes(5));
        assertThat(CarrierPolls.retryAfter(Map.of("Retry-After", "Tue, 10 Mar 2026 08:00:00 GMT"), NOW))
                .as("a date in the past").isEqualTo(Duration.ZERO);
    }

    @Test
    void missingOrUnreadableRetryAfterLeavesTheBackoffToTheSchedule() {
        assertThat(CarrierPolls.retryAfter(Map.of(), NOW)).isNull();
        assertThat(CarrierPolls.retryAfter(null, NOW)).isNull();
        assertThat(CarrierPolls.retryAfter(Map.of("Retry-After", "soon"), NOW)).isNull();
    }
}
