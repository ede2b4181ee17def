package io.herald.ops;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The {@code kafka} component of {@code /actuator/health}: UP with the cluster id and node count when the
 * brokers at {@code herald.kafka.bootstrap-servers} describe their cluster within a few seconds, DOWN with the
 * error's class otherwise. It asks through the shared {@link BrokerAdmin}.
 */
@Component("kafka")
class KafkaHealthIndicator implements HealthIndicator {

    private final BrokerAdmin brokers;

    KafkaHealthIndicator(BrokerAdmin brokers) {
        this.brokers = brokers;
    }

    @Override
    public Health health() {
        try {
            DescribeClusterResult cluster = brokers.admin().describeCluster(
                    new DescribeClusterOptions().timeoutMs((int) BrokerAdmin.TIMEOUT.toMillis()));
            String clusterId = cluster.clusterId().get(BrokerAdmin.WAIT_MS, TimeUnit.MILLISECONDS);
            int nodes = cluster.nodes().get(BrokerAdmin.WAIT_MS, TimeUnit.MILLISECONDS).size();
            return Health.up().withDetail("clusterId", clusterId).withDetail("nodes", nodes).build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return down(e);
        } catch (ExecutionException e) {
            return down(e.getCause() != null ? e.getCause() : e);
        } catch (Exception e) {
            return down(e);
        }
    }

    private static Health down(Throwable error) {
        return Health.down().withDetail("error", error.getClass().getName()).build();
    }
}
