package io.herald.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.herald.bench.BenchmarkWorkload.Round;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/** The benchmark's own Kafka loops against a real broker: the raw-client baseline and the feeder's pacing. */
class BenchmarkKafkaTest {

    private static EmbeddedKafkaBroker broker;

    @BeforeAll
    static void startBroker() {
        // without a Spring context nothing sets the broker's and the clients' log levels: thousands of INFO lines
        LoggingSystem logging = LoggingSystem.get(BenchmarkKafkaTest.class.getClassLoader());
        List.of("kafka", "org.apache.kafka", "org.apache.zookeeper", "state.change.logger")
                .forEach(name -> logging.setLogLevel(name, LogLevel.WARN));
        broker = new EmbeddedKafkaKraftBroker(1, 3);
        broker.afterPropertiesSet();
    }

    @AfterAll
    static void stopBroker() {
        broker.destroy();
    }

    private static final Duration WAIT = Duration.ofSeconds(60);

    private final BenchmarkWorkload workload = new BenchmarkWorkload(50);

    @Test
    void rawClientRelayMovesEveryRecordOnceAndCommitsWhatItMoved() throws Exception {
        String servers = broker.getBrokersAsString();
        String group = "bench-test-relay";
        Round first = workload.round("R", 300);
        BenchmarkWorkload.publish(servers, "bench.test.in", first, 0);

        try (RawClientRelay relay = new RawClientRelay(servers, "bench.test.in", "bench.test.out", group)) {
            await().atMost(WAIT).until(relay::moved, moved -> moved == first.size());
            assertThat(relay.lastMovedAt()).isGreaterThanOrEqualTo(first.producedAt()[first.size() - 1]);
        }
        assertThat(committed(servers, group, "bench.test.in")).as("offsets committed for every record moved")
                .isEqualTo(first.size());

        // a relay of the same group starts after the committed offsets: what was moved is not moved again
        Round second = workload.round("S", 20);
        BenchmarkWorkload.publish(servers, "bench.test.in", second, 0);
        try (RawClientRelay relay = new RawClientRelay(servers, "bench.test.in", "bench.test.out", group)) {
            await().atMost(WAIT).until(relay::moved, moved -> moved == second.size());
        }
        List<ConsumerRecord<String, String>> out = readAll(servers, "bench.test.out", first.size() + second.size());
        Set<String> expected = new HashSet<>(pairs(first));
        expected.addAll(pairs(second));
        assertThat(out).as("each record once, nothing moved twice").hasSize(first.size() + second.size());
        assertThat(out.stream().map(r -> r.key() + " " + r.value()).collect(Collectors.toSet())).isEqualTo(expected);
    }

    @Test
    void feederHandsEachRecordOverNoSoonerThanItsTurnAtTheOfferedRate() {
        int rate = 1000;
        Round round = workload.round("P", 200);

        BenchmarkWorkload.publish(broker.getBrokersAsString(), "bench.test.paced", round, rate);

        long[] at = round.producedAt();
        for (int i = 1; i < round.size(); i++) {
            assertThat(at[i] - at[0]).as("record %d, due %d ms after the first", i, i * 1000L / rate)
                    .isGreaterThanOrEqualTo(i * 1000L / rate);
        }
    }

    private static List<String> pairs(Round round) {
        List<String> pairs = new ArrayList<>();
        for (int i = 0; i < round.size(); i++) {
            pairs.add(round.keys().get(i) + " " + round.payloads().get(i));
        }
        return pairs;
    }

    private static long committed(String servers, String group, String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers))) {
            Map<TopicPartition, OffsetAndMetadata> offsets =
                    admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
            return offsets.entrySet().stream().filter(e -> e.getKey().topic().equals(topic))
                    .mapToLong(e -> e.getValue().offset()).sum();
        }
    }

    private static List<ConsumerRecord<String, String>> readAll(String servers, String topic, int atLeast) {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
                RawClientRelay.consumerProperties(servers, "bench-test-reader"))) {
            consumer.subscribe(List.of(topic));
            await().atMost(WAIT).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                return records.size() >= atLeast;
            });
            // anything beyond: a record moved twice would show here
            consumer.poll(Duration.ofMillis(500)).forEach(records::add);
        }
        return records;
    }
}
