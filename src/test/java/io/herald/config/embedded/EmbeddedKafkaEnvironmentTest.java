package io.herald.config.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.herald.config.embedded.EmbeddedKafkaEnvironment.EmbeddedBroker;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

class EmbeddedKafkaEnvironmentTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String TOPIC = "herald.test.persisted";

    @TempDir
    Path dataDir;

    @Test
    void brokerKeepsTopicsAndRecordsAcrossRestartsOnTheSameDataDir() throws Exception {
        Path logDir = dataDir.resolve("kafka");

        try (EmbeddedBroker broker = EmbeddedKafkaEnvironment.start(logDir, 0)) {
            assertThat(broker.bootstrapServers()).startsWith("127.0.0.1:");
            produce(broker.bootstrapServers(), "order-1", "shipped");
            assertThat(consumeOne(broker.bootstrapServers()).value()).isEqualTo("shipped");
        }
        assertThat(logDir.resolve("meta.properties")).exists();
        assertThat(Files.list(logDir).map(path -> path.getFileName().toString()))
                .anyMatch(name -> name.startsWith(TOPIC + "-"));

        try (EmbeddedBroker restarted = EmbeddedKafkaEnvironment.start(logDir, 0)) {
            try (Admin admin = Admin.create(Map.of(
                    AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, restarted.bootstrapServers()))) {
                assertThat(admin.listTopics().names().get()).contains(TOPIC);
                assertThat(admin.describeTopics(List.of(TOPIC)).allTopicNames().get().get(TOPIC).partitions())
                        .hasSize(6);
            }
            ConsumerRecord<String, String> again = consumeOne(restarted.bootstrapServers());
            assertThat(again.key()).isEqualTo("order-1");
            assertThat(again.value()).isEqualTo("shipped");
        }
    }

    @Test
    void defaultRunPublishesTheBrokerAddressAndStopsItWithTheLastApplication() throws Exception {
        try (ConfigurableApplicationContext first = run(NoBeans.class)) {
            String bootstrap = first.getEnvironment().getProperty("herald.kafka.bootstrap-servers");
            assertThat(bootstrap).as("the broker's address wins over every other source, the command line included")
                    .startsWith("127.0.0.1:").isNotEqualTo("127.0.0.1:0");
            assertThat(dataDir.resolve("kafka").resolve("meta.properties")).exists();

            ConfigurableApplicationContext second = run(NoBeans.class);
            assertThat(second.getEnvironment().getProperty("herald.kafka.bootstrap-servers"))
                    .as("a second application in the JVM shares the running broker")
                    .isEqualTo(bootstrap);
            second.close();
            assertThat(clusterId(bootstrap)).as("broker still serves the first application").isNotBlank();

            first.close();
            assertThat(accepts(bootstrap)).as("broker stopped with the last application").isFalse();
        }
    }

    @Test
    void brokerStopsWhenTheApplicationFailsToStart() throws Exception {
        assertThatThrownBy(() -> run(FailingBean.class)).isInstanceOf(BeanCreationException.class);

        try (ConfigurableApplicationContext next = run(NoBeans.class)) {
            String bootstrap = next.getEnvironment().getProperty("herald.kafka.bootstrap-servers");
            assertThat(clusterId(bootstrap)).as("a fresh broker on the same data dir").isNotBlank();
        }
    }

    @Test
    void lifecycleBeansStartOnlyOnceTheBrokerAcceptsClients() {
        try (ConfigurableApplicationContext context = run(BrokerProbe.class)) {
            BrokerProbe probe = context.getBean(BrokerProbe.class);
            assertThat(probe.acceptedAtStart).as("the broker accepted a connection when the first lifecycle bean started")
                    .isTrue();
        }
    }

    @Test
    void applicationFailsToStartWhenTheBrokerCannotStart() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            assertThatThrownBy(() -> new SpringApplicationBuilder(NoBeans.class)
                    .web(WebApplicationType.NONE)
                    .registerShutdownHook(false)
                    .run("--herald.kafka.embedded.enabled=true",
                            "--herald.kafka.embedded.port=" + taken.getLocalPort(),
                            "--herald.mail.local-sink.enabled=false", "--herald.data-dir=" + dataDir))
                    .hasStackTraceContaining("Could not start the embedded Kafka broker");
        }

        try (ConfigurableApplicationContext next = run(NoBeans.class)) {
            String bootstrap = next.getEnvironment().getProperty("herald.kafka.bootstrap-servers");
            assertThat(clusterId(bootstrap)).as("a fresh broker on the same data dir").isNotBlank();
        }
    }

    @Test
    void disabledBrokerLeavesTheConfiguredAddressAlone() {
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(NoBeans.class)
                .web(WebApplicationType.NONE)
                .registerShutdownHook(false)
                .run("--herald.kafka.embedded.enabled=false", "--herald.kafka.bootstrap-servers=kafka.example:9092",
                        "--herald.mail.local-sink.enabled=false", "--herald.data-dir=" + dataDir)) {
            assertThat(context.getEnvironment().getProperty("herald.kafka.bootstrap-servers"))
                    .isEqualTo("kafka.example:9092");
            assertThat(context.getEnvironment().getPropertySources()
                    .contains(EmbeddedKafkaEnvironment.PROPERTY_SOURCE_NAME)).isFalse();
            assertThat(dataDir.resolve("kafka")).doesNotExist();
        }
    }

    private ConfigurableApplicationContext run(Class<?> configuration) {
        return new SpringApplicationBuilder(configuration)
                .web(WebApplicationType.NONE)
                .registerShutdownHook(false)
                .run("--herald.kafka.embedded.enabled=true", "--herald.kafka.embedded.port=0",
                        "--herald.kafka.bootstrap-servers=overridden.example:9092",
                        "--herald.mail.local-sink.enabled=false", "--herald.data-dir=" + dataDir);
    }

    private static void produce(String bootstrap, String key, String value) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 30_000),
                new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(TOPIC, key, value)).get();
        }
    }

    private static ConsumerRecord<String, String> consumeOne(String bootstrap) {
        List<ConsumerRecord<String, String>> received = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(TOPIC));
            await().atMost(WAIT).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(received::add);
                return !received.isEmpty();
            });
        }
        assertThat(received).hasSize(1);
        return received.get(0);
    }

    private static String clusterId(String bootstrap) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            return admin.describeCluster().clusterId().get();
        }
    }

    private static boolean accepts(String bootstrap) {
        String[] hostAndPort = bootstrap.split(":");
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(hostAndPort[0], Integer.parseInt(hostAndPort[1])), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class NoBeans {
    }

    /** A lifecycle bean of the default phase that looks at the broker when it starts. */
    @Configuration(proxyBeanMethods = false)
    static class BrokerProbe implements SmartLifecycle {
        private final String bootstrap;
        volatile boolean acceptedAtStart;
        private volatile boolean running;

        BrokerProbe(@Value("${herald.kafka.bootstrap-servers}") String bootstrap) {
            this.bootstrap = bootstrap;
        }

        @Override
        public void start() {
            acceptedAtStart = accepts(bootstrap);
            running = true;
        }

        @Override
        public void stop() {
            running = false;
        }

        @Override
        public boolean isRunning() {
            return running;
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class FailingBean {
        @Bean
        Object failing() {
            throw new IllegalStateException("refuses to start");
        }
    }
}
