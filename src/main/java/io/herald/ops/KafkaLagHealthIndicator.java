package io.herald.ops;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Shows {@link ConsumerLag} as the {@code kafkaLag} component of {@code /actuator/health}: UP however large the lag,
 * since lag is no failure (Kafka holds what the consumers have not reached yet), with the records not yet committed
 * by group and topic in its details and when they were read ({@code readAt}). UNKNOWN with the error's class when the
 * broker could not be asked; the {@code kafka} component then says why.
 */
@Component("kafkaLag")
class KafkaLagHealthIndicator implements HealthIndicator {

    private final ConsumerLag lag;

    KafkaLagHealthIndicator(ConsumerLag lag) {
        this.lag = lag;
    }

    @Override
    public Health health() {
        ConsumerLag.Snapshot snapshot = lag.current();
        if (snapshot.error() != null) {
            return Health.unknown().withDetail("error", snapshot.error())
                    .withDetail("readAt", snapshot.readAt().toString()).build();
        }
        return Health.up().withDetails(snapshot.byGroup()).withDetail("readAt", snapshot.readAt().toString()).build();
    }
}
