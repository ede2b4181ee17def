package io.herald.ops;

import io.herald.normalize.RejectReason;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * Herald's own counters, shown on {@code /actuator/prometheus}: events in by source, rejects by source and reason,
 * notifications by channel and state, the time from intake to the channel's hand-off, and carrier polls and tokens.
 */
@Component("heraldMetrics")
public class HeraldMetrics {

    private final MeterRegistry registry;

    public HeraldMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Counts the events a payload from this source produced. */
    public void eventsIn(String source, int count) {
        Counter.builder("herald.events.in").description("Canonical events taken in, by source")
                .tag("source", source).register(registry).increment(count);
    }

    public void rejected(String source, RejectReason reason) {
        Counter.builder("herald.intake.rejected").description("Payloads refused at intake, by source and reason")
                .tag("source", source).tag("reason", reason.name()).register(registry).increment();
    }

    /** Counts what the intake's quality gates let through or left out, and source codes no mapping table knew. */
    public void finding(String source, String check, String outcome) {
        Counter.builder("herald.intake.findings")
                .description("Values the quality gates accepted or left out, and unknown source codes, by source")
                .tag("source", source).tag("check", check).tag("outcome", outcome).register(registry).increment();
    }

    /**
     * Counts an event whose timestamps had no offset, by the way its zone was found: event, country, state, zip, city,
     * principal, source or default (docs/operations.md).
     */
    public void localTime(String source, String via) {
        Counter.builder("herald.intake.local.times")
                .description("Events with local timestamps, by source and the way their zone was found")
                .tag("source", source).tag("via", via).register(registry).increment();
    }

    public void notification(String channel, String state) {
        Counter.builder("herald.notifications").description("Notifications by channel and state")
                .tag("channel", channel).tag("state", state).register(registry).increment();
    }

    /** Counts a decision of the decide stage by type and outcome (DECIDED, HELD, SUPERSEDED, DROPPED, ...). */
    public void decision(String type, String state) {
        Counter.builder("herald.decisions").description("Decisions of the decide stage, by type and state")
                .tag("type", type).tag("state", state).register(registry).increment();
    }

    public void deliveryLatency(String channel, long intakeAtMillis) {
        long elapsed = System.currentTimeMillis() - intakeAtMillis;
        if (intakeAtMillis > 0 && elapsed >= 0) {
            Timer.builder("herald.delivery.latency").description("From intake to the channel's hand-off")
                    .tag("channel", channel).publishPercentiles(0.5, 0.99)
                    .register(registry).record(Duration.ofMillis(elapsed));
        }
    }

    /** Counts a poll of a carrier's Track API by its outcome: ok, not_found, rate_limited, failed. */
    public void carrierPoll(String carrier, String outcome) {
        Counter.builder("herald.carrier.polls").description("Polls of carrier tracking APIs, by carrier and outcome")
                .tag("carrier", carrier).tag("outcome", outcome).register(registry).increment();
    }

    /** Counts a fetch of a carrier's OAuth access token by its outcome: fetched, failed. */
    public void carrierToken(String carrier, String outcome) {
        Counter.builder("herald.carrier.tokens").description("OAuth token fetches from carriers, by outcome")
                .tag("carrier", carrier).tag("outcome", outcome).register(registry).increment();
    }

    /**
     * Counts rows purged past their retention period (docs/operations.md, "Retention"), by kind: message-bodies,
     * decision-names, intake-payloads, dead-letter-payloads, dedupe-keys, timelines.
     */
    public void retentionPurged(String kind, int rows) {
        Counter.builder("herald.retention.purged").description("Rows purged past their retention period, by kind")
                .tag("kind", kind).register(registry).increment(rows);
    }
}
