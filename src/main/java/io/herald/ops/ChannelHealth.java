package io.herald.ops;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.stereotype.Component;

/**
 * How each channel's provider is taking Herald's messages, as the {@code channels} component of
 * {@code /actuator/health}: when the channel last handed a message over, its last failure with the reason, and the
 * failures since its last hand-off. A channel with {@code herald.health.channel-failures} failures in a row and no
 * hand-off between them reads {@code DEGRADED}, and so does the component: the provider is down, or refuses Herald's
 * account or sender, and every message waits or fails until it is mended. Failures that concern one message or its
 * recipient (a bad number, a mailbox that is not there) are not counted here (Deliveries). DEGRADED is answered with
 * 200, as a provider's outage is no reason to stop taking events in. Counts are per instance; the count of hand-offs
 * SENT also tells Deliveries whether a failing message fails alone while its channel delivers others.
 */
@Component("channels")
public class ChannelHealth implements HealthIndicator {

    private final int failuresToDegrade;
    private final Clock clock;
    private final Map<String, Activity> channels = new ConcurrentHashMap<>();

    public ChannelHealth(@Value("${herald.health.channel-failures:5}") int failuresToDegrade, Clock clock) {
        this.failuresToDegrade = failuresToDegrade;
        this.clock = clock;
    }

    /** The channel's provider took a message. */
    public void sent(String channel) {
        Activity activity = activity(channel);
        activity.sent.incrementAndGet();
        activity.lastSent.set(clock.millis());
        activity.failures.set(0);
    }

    /** The channel's hand-offs this instance recorded SENT since it started. */
    public long sentSoFar(String channel) {
        Activity activity = channels.get(channel);
        return activity == null ? 0 : activity.sent.get();
    }

    /** A hand-off of the channel failed for a reason of its provider's, not its message's; {@code reason} masked. */
    public void failed(String channel, String reason) {
        Activity activity = activity(channel);
        activity.lastFailure = new Failure(clock.instant(), reason);
        activity.failures.incrementAndGet();
    }

    @Override
    public Health health() {
        Map<String, Object> details = new TreeMap<>();
        boolean degraded = false;
        for (Map.Entry<String, Activity> entry : channels.entrySet()) {
            Activity activity = entry.getValue();
            int failures = activity.failures.get();
            Map<String, Object> channel = new LinkedHashMap<>();
            boolean channelDegraded = failures >= failuresToDegrade;
            degraded |= channelDegraded;
            channel.put("status", (channelDegraded ? SourceHealth.DEGRADED : Status.UP).getCode());
            long lastSent = activity.lastSent.get();
            if (lastSent > 0) {
                channel.put("lastSentAt", Instant.ofEpochMilli(lastSent).toString());
            }
            Failure lastFailure = activity.lastFailure;
            if (lastFailure != null) {
                channel.put("lastFailureAt", lastFailure.at().toString());
                channel.put("lastFailure", lastFailure.reason());
            }
            channel.put("failuresSinceLastSent", failures);
            details.put(entry.getKey(), channel);
        }
        return Health.status(degraded ? SourceHealth.DEGRADED : Status.UP).withDetails(details).build();
    }

    private Activity activity(String channel) {
        return channels.computeIfAbsent(channel, c -> new Activity());
    }

    private record Failure(Instant at, String reason) {
    }

    private static final class Activity {
        final AtomicLong sent = new AtomicLong();
        final AtomicLong lastSent = new AtomicLong();
        final AtomicInteger failures = new AtomicInteger();
        volatile Failure lastFailure;
    }
}
