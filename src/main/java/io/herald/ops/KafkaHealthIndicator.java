package io.herald.ops;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The {@code kafka} component of {@code /actuator/health}: UP with the cluster id and node count when the
 * brokers at {@code herald.kafka.bootstrap-servers} describe their cluster within a few seconds, DOWN with the
 * error's class otherwise.
 *
 * <p>One admin client serves every check. It is created on the first check rather than at startup, because
 * creating it fails when no bootstrap address resolves, and that should read as DOWN, not stop Herald. It is
 * closed as soon as the context begins to stop, before an embedded broker goes away under it.
 */
@Component("kafka")
class KafkaHealthIndicator implements HealthIndicator, SmartLifecycle, DisposableBean {

    static final Duration TIMEOUT = Duration.ofSeconds(3);

    private final String bootstrapServers;
    private Admin admin; // guarded by this
    private boolean stopped; // guarded by this

    KafkaHealthIndicator(@Value("${herald.kafka.bootstrap-servers}") String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    @Override
    public Health health() {
        try {
            DescribeClusterResult cluster = admin().describeCluster(
                    new DescribeClusterOptions().timeoutMs((int) TIMEOUT.toMillis()));
            // the admin call times out by itself; the extra second only guards against a stuck future
            long waitMs = TIMEOUT.toMillis() + 1000;
            String clusterId = cluster.clusterId().get(waitMs, TimeUnit.MILLISECONDS);
            int nodes = cluster.nodes().get(waitMs, TimeUnit.MILLISECONDS).size();
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

    private synchronized Admin admin() {
        if (stopped) {
            throw new IllegalStateException("Kafka health indicator is stopped");
        }
        if (admin == null) {
            int timeoutMs = (int) TIMEOUT.toMillis();
            admin = Admin.create(Map.of(
                    AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                    AdminClientConfig.CLIENT_ID_CONFIG, "herald-health",
                    AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutMs,
                    AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeoutMs,
                    AdminClientConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MS_CONFIG, timeoutMs,
                    AdminClientConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS_CONFIG, timeoutMs,
                    AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000));
        }
        return admin;
    }

    @Override
    public synchronized void start() {
        stopped = false;
    }

    @Override
    public synchronized void stop() {
        stopped = true;
        if (admin != null) {
            admin.close(TIMEOUT);
            admin = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return !stopped;
    }

    @Override
    public void destroy() {
        stop();
    }
}
