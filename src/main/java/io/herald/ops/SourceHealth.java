package io.herald.ops;

import io.herald.normalize.RejectReason;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;
import org.springframework.stereotype.Component;

/**
 * How each source is doing, as the {@code sources} component of {@code /actuator/health} and as gauges by source:
 * when it last got a payload through ({@code herald.source.last.success}, epoch seconds), the share of its payloads
 * refused (or, for a polled carrier, of its polls failed) over the last {@link #WINDOW}
 * ({@code herald.source.error.rate}), and its lag: how old the newest event of its last accepted payload was on
 * arrival ({@code herald.source.lag}, seconds).
 *
 * <p>A source whose error rate over the window reaches {@code herald.health.source-error-rate}, with at least
 * {@code herald.health.source-min-payloads} payloads, reads {@code DEGRADED}, and so does the component. DEGRADED is
 * ordered after DOWN and OUT_OF_SERVICE and answered with 200: a source sending bad data is not a reason to restart
 * Herald. Counts are per instance; Prometheus sums the instances.
 */
@Component("sourceHealth")
public class SourceHealth {

    public static final Status DEGRADED = new Status("DEGRADED", "A source's payloads are refused too often");
    static final Duration WINDOW = Duration.ofMinutes(15);
    private static final int BUCKETS = 15;

    private final HeraldMetrics metrics;
    private final MeterRegistry registry;
    private final double errorRateLimit;
    private final int minPayloads;
    private final Map<String, Activity> sources = new ConcurrentHashMap<>();
    private Clock clock = Clock.systemUTC();

    @Autowired
    public SourceHealth(HeraldMetrics metrics, MeterRegistry registry,
            @Value("${herald.health.source-error-rate:0.5}") double errorRateLimit,
            @Value("${herald.health.source-min-payloads:10}") int minPayloads) {
        this.metrics = metrics;
        this.registry = registry;
        this.errorRateLimit = errorRateLimit;
        this.minPayloads = minPayloads;
    }

    SourceHealth(HeraldMetrics metrics, MeterRegistry registry, double errorRateLimit, int minPayloads, Clock clock) {
        this(metrics, registry, errorRateLimit, minPayloads);
        this.clock = clock;
    }

    /** A payload of this source became {@code events} events, all acknowledged by Kafka. */
    public void accepted(String source, int events, OffsetDateTime newestOccurredAt) {
        metrics.eventsIn(source, events);
        Instant now = clock.instant();
        Duration lag = newestOccurredAt == null ? null : Duration.between(newestOccurredAt.toInstant(), now);
        activity(source).accepted(now, lag);
    }

    /** A payload of this (known) source was refused. */
    public void rejected(String source, RejectReason reason) {
        metrics.rejected(source, reason);
        activity(source).failed(clock.instant(), reason.name());
    }

    /**
     * Getting this source's data failed for another reason than its content, such as a carrier's tracking API answering
     * 5xx or 429 to a poll ({@code reason}: a code such as {@code POLL_FAILED}); counted in the error rate.
     */
    public void failed(String source, String reason) {
        activity(source).failed(clock.instant(), reason);
    }

    /** The {@code sources} health component: each source seen since start, and whether any is degraded. */
    public Health health() {
        Instant now = clock.instant();
        Map<String, Object> details = new TreeMap<>();
        boolean degraded = false;
        for (Map.Entry<String, Activity> entry : sources.entrySet()) {
            Activity activity = entry.getValue();
            Map<String, Object> source = activity.describe(now);
            if (isDegraded(activity, now)) {
                degraded = true;
                source.put("status", DEGRADED.getCode());
            }
            details.put(entry.getKey(), source);
        }
        return Health.status(degraded ? DEGRADED : Status.UP).withDetails(details).build();
    }

    private boolean isDegraded(Activity activity, Instant now) {
        long[] counts = activity.counts(now);
        long total = counts[0] + counts[1];
        return total >= minPayloads && (double) counts[1] / total >= errorRateLimit;
    }

    private Activity activity(String source) {
        return sources.computeIfAbsent(source, id -> {
            Activity activity = new Activity();
            Gauge.builder("herald.source.last.success", activity, a -> a.lastSuccessEpochSeconds())
                    .description("When the source last got a payload through, in seconds since the epoch")
                    .baseUnit("seconds").tag("source", id).register(registry);
            Gauge.builder("herald.source.lag", activity, a -> a.lagSeconds())
                    .description("Age of the newest event of the source's last accepted payload, on arrival")
                    .baseUnit("seconds").tag("source", id).register(registry);
            Gauge.builder("herald.source.error.rate", activity, a -> a.errorRate(clock.instant()))
                    .description("Share of the source's payloads refused over the last 15 minutes")
                    .tag("source", id).register(registry);
            return activity;
        });
    }

    /** One source's recent history: the last outcomes, and per-minute counts over the window. */
    private static final class Activity {

        private final long[] minutes = new long[BUCKETS];
        private final long[] accepted = new long[BUCKETS];
        private final long[] failed = new long[BUCKETS];
        private Instant lastSuccess;
        private Instant lastFailure;
        private String lastFailureReason;
        private Duration lag;

        synchronized void accepted(Instant now, Duration lagOnArrival) {
            accepted[bucket(now)]++;
            lastSuccess = now;
            lag = lagOnArrival;
        }

        synchronized void failed(Instant now, String reason) {
            failed[bucket(now)]++;
            lastFailure = now;
            lastFailureReason = reason;
        }

        /** Accepted payloads, and refused payloads or failed polls, within the window. */
        synchronized long[] counts(Instant now) {
            long minute = now.getEpochSecond() / 60;
            long[] counts = new long[2];
            for (int i = 0; i < BUCKETS; i++) {
                if (minute - minutes[i] < BUCKETS) {
                    counts[0] += accepted[i];
                    counts[1] += failed[i];
                }
            }
            return counts;
        }

        private int bucket(Instant now) {
            long minute = now.getEpochSecond() / 60;
            int index = (int) (minute % BUCKETS);
            if (minutes[index] != minute) {
                minutes[index] = minute;
                accepted[index] = 0;
                failed[index] = 0;
            }
            return index;
        }

        synchronized double lastSuccessEpochSeconds() {
            return lastSuccess == null ? Double.NaN : lastSuccess.getEpochSecond();
        }

        synchronized double lagSeconds() {
            return lag == null ? Double.NaN : lag.toMillis() / 1000.0;
        }

        double errorRate(Instant now) {
            long[] counts = counts(now);
            long total = counts[0] + counts[1];
            return total == 0 ? 0.0 : (double) counts[1] / total;
        }

        synchronized Map<String, Object> describe(Instant now) {
            long[] counts = counts(now);
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("status", Status.UP.getCode());
            if (lastSuccess != null) {
                details.put("lastSuccess", lastSuccess.toString());
            }
            if (lastFailure != null) {
                details.put("lastFailure", lastFailure.toString());
                details.put("lastFailureReason", lastFailureReason);
            }
            details.put("accepted15m", counts[0]);
            details.put("failed15m", counts[1]);
            details.put("errorRate15m", Math.round(errorRate(now) * 1000) / 1000.0);
            if (lag != null) {
                details.put("lagSeconds", lag.toSeconds());
            }
            return details;
        }
    }
}
