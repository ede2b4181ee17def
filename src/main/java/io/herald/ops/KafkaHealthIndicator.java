package io.herald.ops;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
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
 *
 * <p>Either way its details also show what {@link HeraldTopics} found at the start, without asking again:
 * {@code topics}, the partitions of each of Herald's own topics it could describe, by name, and when some have fewer
 * than {@code herald.kafka.own-topics.partitions}, those ({@code topicsWithFewerPartitions}) and the configured count
 * ({@code partitionsConfigured}), and those not there ({@code topicsMissing}); or
 * {@code "not checked: <the error's class>"}. Too few partitions leave the status
 * as it is: Herald works, it only cannot spread a topic's records over more consumers.
 */
@Component("kafka")
class KafkaHealthIndicator implements HealthIndicator {

    private final BrokerAdmin brokers;
    private final HeraldTopics topics;

    KafkaHealthIndicator(BrokerAdmin brokers, HeraldTopics topics) {
        this.brokers = brokers;
        this.topics = topics;
    }

    @Override
    public Health health() {
        Health.Builder health;
        try {
            DescribeClusterResult cluster = brokers.admin().describeCluster(
                    new DescribeClusterOptions().timeoutMs((int) BrokerAdmin.TIMEOUT.toMillis()));
            String clusterId = cluster.clusterId().get(BrokerAdmin.WAIT_MS, TimeUnit.MILLISECONDS);
            int nodes = cluster.nodes().get(BrokerAdmin.WAIT_MS, TimeUnit.MILLISECONDS).size();
            health = Health.up().withDetail("clusterId", clusterId).withDetail("nodes", nodes);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            health = down(e);
        } catch (ExecutionException e) {
            health = down(e.getCause() != null ? e.getCause() : e);
        } catch (Exception e) {
            health = down(e);
        }
        return health.withDetails(topicDetails(topics.checked())).build();
    }

    private static Health.Builder down(Throwable error) {
        return Health.down().withDetail("error", error.getClass().getName());
    }

    private static Map<String, Object> topicDetails(Optional<HeraldTopics.Check> checked) {
        Map<String, Object> details = new LinkedHashMap<>();
        if (checked.isEmpty()) {
            details.put("topics", "not checked yet");
            return details;
        }
        HeraldTopics.Check check = checked.get();
        if (check.error() != null) {
            details.put("topics", "not checked: " + check.error());
            return details;
        }
        details.put("topics", check.partitions());
        if (!check.missing().isEmpty()) {
            details.put("topicsMissing", check.missing());
        }
        Map<String, Integer> fewer = check.fewer();
        if (!fewer.isEmpty()) {
            details.put("topicsWithFewerPartitions", fewer);
            details.put("partitionsConfigured", check.configured());
        }
        return details;
    }
}
