package io.herald.tracking;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;

/**
 * When a polled shipment is due next. Adaptive: the nearer the parcel is to its door, the more often it is polled;
 * failures back off exponentially. Pure: the caller gives the time.
 */
public final class PollSchedule {

    private final PollingProperties.Schedule schedule;

    public PollSchedule(PollingProperties.Schedule schedule) {
        this.schedule = schedule;
    }

    /** The wait after a successful poll of a shipment in {@code status}, expected at {@code estimatedDelivery}. */
    public Duration afterPoll(String status, OffsetDateTime estimatedDelivery, Instant now) {
        String s = status == null ? "UNKNOWN" : status;
        switch (s) {
            case "OUT_FOR_DELIVERY", "ATTEMPT_FAILED":
                return schedule.outForDelivery();
            case "UNKNOWN":
                return schedule.notFound();
            default:
                break;
        }
        if (estimatedDelivery != null
                && estimatedDelivery.toInstant().isBefore(now.plus(schedule.nearDeliveryWindow()))) {
            return schedule.nearDelivery();
        }
        return "INFO_RECEIVED".equals(s) ? schedule.infoReceived() : schedule.inTransit();
    }

    /** The wait after the carrier did not know the number (404). */
    public Duration afterNotFound() {
        return schedule.notFound();
    }

    /** The wait after the {@code failures}-th failed poll in a row (1 for the first): doubling, capped. */
    public Duration afterFailure(int failures) {
        return backoff(schedule.failureBackoff(), failures);
    }

    /** The pause of a carrier after its {@code times}-th 429 in a row that gave no Retry-After. */
    public Duration afterRateLimit(int times) {
        return backoff(schedule.failureBackoff(), times);
    }

    private Duration backoff(Duration base, int count) {
        int doublings = Math.max(0, Math.min(count - 1, 30));
        Duration wait = base.multipliedBy(1L << doublings);
        return wait.compareTo(schedule.maxBackoff()) > 0 ? schedule.maxBackoff() : wait;
    }
}
