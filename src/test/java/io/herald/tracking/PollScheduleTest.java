package io.herald.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class PollScheduleTest {

    private static final Instant NOW = Instant.parse("2026-03-10T09:00:00Z");
    private static final PollSchedule SCHEDULE = new PollSchedule(new PollingProperties.Schedule(
            Duration.ofMinutes(15), Duration.ofMinutes(45), Duration.ofHours(36), Duration.ofHours(3),
            Duration.ofHours(6), Duration.ofHours(12), Duration.ofMinutes(5), Duration.ofHours(6)));

    private static OffsetDateTime inHours(int hours) {
        return NOW.plus(Duration.ofHours(hours)).atOffset(ZoneOffset.UTC);
    }

    @Test
    void outForDeliveryAndFailedAttemptArePolledMostOften() {
        assertThat(SCHEDULE.afterPoll("OUT_FOR_DELIVERY", inHours(200), NOW)).isEqualTo(Duration.ofMinutes(15));
        assertThat(SCHEDULE.afterPoll("ATTEMPT_FAILED", null, NOW)).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void shipmentDueTodayOrTomorrowIsPolledMoreOftenThanOneDueNextWeek() {
        assertThat(SCHEDULE.afterPoll("IN_TRANSIT", inHours(20), NOW)).isEqualTo(Duration.ofMinutes(45));
        assertThat(SCHEDULE.afterPoll("IN_TRANSIT", inHours(24 * 6), NOW)).isEqualTo(Duration.ofHours(3));
        assertThat(SCHEDULE.afterPoll("IN_TRANSIT", null, NOW)).isEqualTo(Duration.ofHours(3));
    }

    @Test
    void overdueShipmentCountsAsNearDelivery() {
        assertThat(SCHEDULE.afterPoll("EXCEPTION", inHours(-30), NOW)).isEqualTo(Duration.ofMinutes(45));
    }

    @Test
    void labelOnlyShipmentIsPolledSlowlyUnlessItsDeliveryIsNear() {
        assertThat(SCHEDULE.afterPoll("INFO_RECEIVED", null, NOW)).isEqualTo(Duration.ofHours(6));
        assertThat(SCHEDULE.afterPoll("INFO_RECEIVED", inHours(10), NOW)).isEqualTo(Duration.ofMinutes(45));
    }

    @Test
    void unknownNumberIsPolledAtTheSlowNotFoundRate() {
        assertThat(SCHEDULE.afterPoll("UNKNOWN", inHours(2), NOW)).isEqualTo(Duration.ofHours(12));
        assertThat(SCHEDULE.afterPoll(null, null, NOW)).isEqualTo(Duration.ofHours(12));
        assertThat(SCHEDULE.afterNotFound()).isEqualTo(Duration.ofHours(12));
    }

    @Test
    void failuresBackOffExponentiallyUpToTheCap() {
        assertThat(SCHEDULE.afterFailure(1)).isEqualTo(Duration.ofMinutes(5));
        assertThat(SCHEDULE.afterFailure(2)).isEqualTo(Duration.ofMinutes(10));
        assertThat(SCHEDULE.afterFailure(4)).isEqualTo(Duration.ofMinutes(40));
        assertThat(SCHEDULE.afterFailure(10)).isEqualTo(Duration.ofHours(6));
        assertThat(SCHEDULE.afterFailure(1000)).isEqualTo(Duration.ofHours(6));
        assertThat(SCHEDULE.afterRateLimit(3)).isEqualTo(Duration.ofMinutes(20));
    }
}
