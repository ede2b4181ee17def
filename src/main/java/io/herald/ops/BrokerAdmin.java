package io.herald.ops;

import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The one Kafka admin client of Herald's operations checks: the {@code kafka} health component
 * ({@link KafkaHealthIndicator}) and the consumers' lag ({@link ConsumerLag}). Each request gives up after
 * {@link #TIMEOUT}.
 *
 * <p>The client is created on first use rather than at startup, because creating it fails when no bootstrap address
 * resolves, and that should read as a failed check, not stop Herald. It is closed as soon as the context begins to
 * stop, before an embedded broker goes away under it; the beans that use it stop before it.
 */
@Component("brokerAdmin")
class BrokerAdmin implements SmartLifecycle, DisposableBean {

    static final Duration TIMEOUT = Duration.ofSeconds(3);

    /** How long to wait for a request's future: the request times out by itself, this only guards a stuck one. */
    static final long WAIT_MS = TIMEOUT.toMillis() + 1000;

    private final String bootstrapServers;
    private Admin admin; // guarded by this
    private boolean stopped; // guarded by this

    BrokerAdmin(@Value("${herald.kafka.bootstrap-servers}") String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    /** The admin client, created on the first call. */
    synchronized Admin admin() {
        if (stopped) {
            throw new IllegalStateException("Kafka admin client is stopped");
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
