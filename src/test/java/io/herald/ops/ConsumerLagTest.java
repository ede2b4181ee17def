package io.herald.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.herald.MovableClock;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * Consumer lag read from a real broker: groups with some, all or none of a topic's records committed, each test on
 * topics of its own.
 */
class ConsumerLagTest {

    private static final Duration REFRESH = Duration.ofSeconds(5);

    private static EmbeddedKafkaKraftBroker broker;

    private final MovableClock clock = new MovableClock(Instant.parse("2026-11-29T12:00:00Z"));
    private final MeterRegistry registry = new SimpleMeterRegistry();

    @BeforeAll
    static void startBroker() {
        broker = new EmbeddedKafkaKraftBroker(1, 2, "lag.orders", "lag.cached", "lag.assigned",
                "lag.background", "lag.never", "lag.src.alpha", "lag.src.beta");
        broker.afterPropertiesSet();
    }

    @AfterAll
    static void stopBroker() {
        broker.destroy();
    }

    @Test
    void lagIsWhatEachHeraldGroupHasNotCommittedSummedOverTheTopicsPartitions() throws Exception {
        produce("lag.orders", 0, 5);
        produce("lag.orders", 1, 3);
        commit("herald-part", Map.of(new TopicPartition("lag.orders", 0), 2L));
        commit("herald-done", Map.of(new TopicPartition("lag.orders", 0), 5L, new TopicPartition("lag.orders", 1), 3L));
        commit("other-app", Map.of(new TopicPartition("lag.orders", 0), 0L));
        BrokerAdmin admin = new BrokerAdmin(broker.getBrokersAsString());
        try {
            ConsumerLag lag = new ConsumerLag(admin, "herald", registry, clock, REFRESH, List::of);

            Map<String, Map<String, Long>> groups = lag.current().byGroup();

            assertThat(groups).as("5 - 2 on partition 0, 3 - 0 on partition 1, which it committed nothing on")
                    .containsEntry("herald-part", Map.of("lag.orders", 6L))
                    .containsEntry("herald-done", Map.of("lag.orders", 0L))
                    .doesNotContainKey("other-app");
            assertThat(gauge("herald-part", "lag.orders")).isEqualTo(6.0);
            assertThat(gauge("herald-done", "lag.orders")).isZero();
            assertThat(registry.find(ConsumerLag.GAUGE).tag("group", "other-app").gauges()).isEmpty();

            Health health = new KafkaLagHealthIndicator(lag).health();
            assertThat(health.getStatus()).as("lag is no failure").isEqualTo(Status.UP);
            assertThat(health.getDetails()).containsEntry("herald-part", Map.of("lag.orders", 6L))
                    .containsEntry("readAt", "2026-11-29T12:00:00Z").doesNotContainKey("other-app");
        } finally {
            admin.destroy();
        }
    }

    @Test
    void groupThatCommittedNothingLagsByEveryRecordOfTheTopicsItIsAssigned() throws Exception {
        produce("lag.assigned", 0, 4);
        produce("lag.assigned", 1, 1);
        BrokerAdmin admin = new BrokerAdmin(broker.getBrokersAsString());
        try (KafkaConsumer<String, String> member = member("herald-fresh", "lag.assigned")) {
            ConsumerLag lag = new ConsumerLag(admin, "herald", registry, clock, REFRESH, List::of);

            assertThat(lag.current().byGroup()).containsEntry("herald-fresh", Map.of("lag.assigned", 5L));
            assertThat(gauge("herald-fresh", "lag.assigned")).isEqualTo(5.0);
        } finally {
            admin.destroy();
        }
    }

    @Test
    void routeThatIsStoppedAndNeverCommittedLagsByEveryRecordOfTheTopicsItSubscribes() throws Exception {
        produce("lag.never", 0, 2);
        produce("lag.never", 1, 1);
        produce("lag.src.alpha", 0, 4);
        produce("lag.src.beta", 1, 6);
        List<ConsumerLag.Subscription> routes = List.of(
                new ConsumerLag.Subscription("herald-never", "lag.never", false),
                new ConsumerLag.Subscription("herald-sources", "lag\\.src\\.([a-z]+)", true),
                new ConsumerLag.Subscription("other-app", "lag.never", false));
        BrokerAdmin admin = new BrokerAdmin(broker.getBrokersAsString());
        try {
            ConsumerLag lag = new ConsumerLag(admin, "herald", registry, clock, REFRESH, () -> routes);

            Map<String, Map<String, Long>> groups = lag.current().byGroup();

            assertThat(groups).containsEntry("herald-never", Map.of("lag.never", 3L))
                    .containsEntry("herald-sources", Map.of("lag.src.alpha", 4L, "lag.src.beta", 6L))
                    .doesNotContainKey("other-app");
            assertThat(gauge("herald-sources", "lag.src.beta")).isEqualTo(6.0);
        } finally {
            admin.destroy();
        }
    }

    @Test
    void lagIsReadAgainOnlyOnceTheRefreshPeriodHasPassed() throws Exception {
        TopicPartition partition = new TopicPartition("lag.cached", 0);
        produce("lag.cached", 0, 2);
        commit("herald-cached", Map.of(partition, 1L));
        BrokerAdmin admin = new BrokerAdmin(broker.getBrokersAsString());
        try {
            ConsumerLag lag = new ConsumerLag(admin, "herald", registry, clock, REFRESH, List::of);
            assertThat(lag.current().byGroup()).containsEntry("herald-cached", Map.of("lag.cached", 1L));

            produce("lag.cached", 0, 3);
            clock.advance(REFRESH.minusMillis(1));
            assertThat(lag.current().byGroup()).as("within the period: the figure read before")
                    .containsEntry("herald-cached", Map.of("lag.cached", 1L));
            assertThat(gauge("herald-cached", "lag.cached")).isEqualTo(1.0);

            clock.advance(Duration.ofMillis(1));
            assertThat(lag.current().byGroup()).containsEntry("herald-cached", Map.of("lag.cached", 4L));
            assertThat(gauge("herald-cached", "lag.cached")).isEqualTo(4.0);
        } finally {
            admin.destroy();
        }
    }

    @Test
    void backgroundReadingKeepsTheGaugeCurrent() throws Exception {
        produce("lag.background", 0, 1);
        commit("herald-background", Map.of(new TopicPartition("lag.background", 0), 0L));
        BrokerAdmin admin = new BrokerAdmin(broker.getBrokersAsString());
        ConsumerLag lag = new ConsumerLag(admin, "herald", registry, java.time.Clock.systemUTC(),
                Duration.ofMillis(200), List::of);
        try {
            lag.start();
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                    assertThat(registry.find(ConsumerLag.GAUGE).tag("group", "herald-background").gauge()).isNotNull());
            assertThat(gauge("herald-background", "lag.background")).isEqualTo(1.0);

            produce("lag.background", 1, 2);

            await().atMost(Duration.ofSeconds(20))
                    .until(() -> gauge("herald-background", "lag.background") == 3.0);
        } finally {
            lag.stop();
            admin.destroy();
        }
        assertThat(lag.isRunning()).isFalse();
    }

    @Test
    void unreadableLagReadsUnknownNotDownAndLeavesNoFigure() throws IOException {
        BrokerAdmin admin = new BrokerAdmin("127.0.0.1:" + closedPort());
        try {
            ConsumerLag lag = new ConsumerLag(admin, "herald", registry, clock, REFRESH, List::of);

            Health health = new KafkaLagHealthIndicator(lag).health();

            assertThat(health.getStatus()).isEqualTo(Status.UNKNOWN);
            assertThat(health.getDetails()).containsKey("error");
            assertThat(lag.current().lag()).isEmpty();
        } finally {
            admin.destroy();
        }
    }

    private double gauge(String group, String topic) {
        return registry.get(ConsumerLag.GAUGE).tag("group", group).tag("topic", topic).gauge().value();
    }

    private static void produce(String topic, int partition, int records) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
            for (int i = 0; i < records; i++) {
                producer.send(new ProducerRecord<>(topic, partition, "key-" + i, "{\"n\": " + i + "}")).get();
            }
        }
    }

    private static void commit(String group, Map<TopicPartition, Long> offsets) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker.getBrokersAsString()))) {
            Map<TopicPartition, OffsetAndMetadata> committed = new java.util.HashMap<>();
            offsets.forEach((partition, offset) -> committed.put(partition, new OffsetAndMetadata(offset)));
            admin.alterConsumerGroupOffsets(group, committed).all().get();
        }
    }

    /** A member of the group, assigned the topic's partitions, that commits nothing. */
    private static KafkaConsumer<String, String> member(String group, String topic) {
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString(),
                ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class));
        consumer.subscribe(List.of(topic));
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            consumer.poll(Duration.ofMillis(100));
            return !consumer.assignment().isEmpty();
        });
        return consumer;
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }
}
