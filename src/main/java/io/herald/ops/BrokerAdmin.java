package io.herald.ops;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.camel.CamelContext;
import org.apache.camel.component.kafka.KafkaComponent;
import org.apache.camel.component.kafka.KafkaConfiguration;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The one Kafka admin client of Herald's operations: the {@code kafka} health component ({@link KafkaHealthIndicator}),
 * the consumers' lag ({@link ConsumerLag}) and Herald's own topics ({@link HeraldTopics}). It reaches the brokers with
 * the Kafka component's security settings, as the routes do. Each request gives up after {@link #TIMEOUT}.
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
    private final Supplier<Map<String, Object>> security;
    private Admin admin; // guarded by this
    private boolean stopped; // guarded by this

    @Autowired
    BrokerAdmin(@Value("${herald.kafka.bootstrap-servers}") String bootstrapServers, ObjectProvider<CamelContext> camel) {
        this(bootstrapServers, () -> securityOf(camel.getObject().getComponent("kafka", KafkaComponent.class)
                .getConfiguration()));
    }

    /** A client without security settings: a broker that takes PLAINTEXT. */
    BrokerAdmin(String bootstrapServers) {
        this(bootstrapServers, Map::of);
    }

    BrokerAdmin(String bootstrapServers, Supplier<Map<String, Object>> security) {
        this.bootstrapServers = bootstrapServers;
        this.security = security;
    }

    /**
     * The Kafka component's security settings ({@code security.*}, {@code sasl.*}, {@code ssl.*}) as its consumers
     * get them ({@code camel.component.kafka.security-protocol}, {@code sasl-jaas-config}, {@code ssl-truststore-location}
     * and the rest): the admin client reaches the brokers the way the routes' clients do.
     */
    static Map<String, Object> securityOf(KafkaConfiguration kafka) {
        Map<String, Object> security = new HashMap<>();
        kafka.createConsumerProperties().forEach((key, value) -> {
            String name = key.toString();
            if (value != null && (name.startsWith("security.") || name.startsWith("sasl.") || name.startsWith("ssl."))) {
                security.put(name, value);
            }
        });
        return security;
    }

    /** The admin client, created on the first call. */
    synchronized Admin admin() {
        if (stopped) {
            throw new IllegalStateException("Kafka admin client is stopped");
        }
        if (admin == null) {
            int timeoutMs = (int) TIMEOUT.toMillis();
            Map<String, Object> config = new HashMap<>(security.get());
            config.putAll(Map.of(
                    AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                    AdminClientConfig.CLIENT_ID_CONFIG, "herald-health",
                    AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutMs,
                    AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeoutMs,
                    AdminClientConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MS_CONFIG, timeoutMs,
                    AdminClientConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS_CONFIG, timeoutMs,
                    AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000));
            admin = Admin.create(config);
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
