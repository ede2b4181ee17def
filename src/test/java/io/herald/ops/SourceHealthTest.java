package io.herald.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.herald.MovableClock;
import io.herald.normalize.RejectReason;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;

class SourceHealthTest {

    private static final Instant START = Instant.parse("2026-11-22T10:00:00Z");

    private final MovableClock clock = new MovableClock(START);
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final SourceHealth health = new SourceHealth(new HeraldMetrics(meters), meters, 0.5, 4, clock);

    @Test
    void acceptedPayloadSetsLastSuccessAndLag() {
        health.accepted("ups", 3, OffsetDateTime.ofInstant(START.minusSeconds(90), ZoneOffset.UTC));

        Map<String, Object> ups = details("ups");
        assertThat(ups).containsEntry("lastSuccess", START.toString()).containsEntry("lagSeconds", 90L)
                .containsEntry("accepted15m", 1L).containsEntry("errorRate15m", 0.0);
        assertThat(meters.get("herald.source.lag").tag("source", "ups").gauge().value()).isEqualTo(90.0);
        assertThat(meters.get("herald.source.last.success").tag("source", "ups").gauge().value())
                .isEqualTo(START.getEpochSecond());
        assertThat(meters.get("herald.events.in").tag("source", "ups").counter().count()).isEqualTo(3.0);
    }

    @Test
    void sourceWithMostPayloadsRefusedIsDegradedButTheOthersAreNot() {
        health.accepted("oms", 1, null);
        for (int i = 0; i < 3; i++) {
            health.rejected("oms", RejectReason.INVALID_PHONE);
        }
        health.accepted("wms", 1, null);

        Health result = health.health();
        assertThat(result.getStatus()).isEqualTo(SourceHealth.DEGRADED);
        assertThat(details("oms")).containsEntry("status", "DEGRADED").containsEntry("errorRate15m", 0.75)
                .containsEntry("lastFailureReason", "INVALID_PHONE");
        assertThat(details("wms")).containsEntry("status", "UP");
        assertThat(meters.get("herald.source.error.rate").tag("source", "oms").gauge().value()).isEqualTo(0.75);
    }

    @Test
    void failedPollsOfACarrierCountInItsErrorRate() {
        health.accepted("ups", 1, null);
        health.failed("ups", "POLL_FAILED");

        assertThat(details("ups")).containsEntry("failed15m", 1L).containsEntry("errorRate15m", 0.5)
                .containsEntry("lastFailureReason", "POLL_FAILED");
        assertThat(meters.find("herald.intake.rejected").counters()).as("a failed poll refuses no payload").isEmpty();
    }

    @Test
    void fewPayloadsAreNotEnoughToCallASourceDegraded() {
        health.rejected("oms", RejectReason.UNPARSEABLE);
        health.rejected("oms", RejectReason.UNPARSEABLE);

        assertThat(health.health().getStatus()).isEqualTo(Status.UP);
    }

    @Test
    void refusalsOlderThanTheWindowNoLongerCount() {
        for (int i = 0; i < 4; i++) {
            health.rejected("oms", RejectReason.UNPARSEABLE);
        }
        assertThat(health.health().getStatus()).isEqualTo(SourceHealth.DEGRADED);

        clock.advance(SourceHealth.WINDOW.plusMinutes(1));
        health.accepted("oms", 1, null);

        assertThat(health.health().getStatus()).isEqualTo(Status.UP);
        assertThat(details("oms")).containsEntry("failed15m", 0L).containsEntry("accepted15m", 1L);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> details(String source) {
        return (Map<String, Object>) health.health().getDetails().get(source);
    }
}
