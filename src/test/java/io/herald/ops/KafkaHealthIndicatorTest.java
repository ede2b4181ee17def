package io.herald.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

class KafkaHealthIndicatorTest {

    /** One broker for the tests that reach one; each names topics of its own. */
    private static EmbeddedKafkaKraftBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = new EmbeddedKafkaKraftBroker(1, 1, "short.events");
        broker.brokerProperties(Map.of("auto.create.topics.enable", "false"));
        broker.afterPropertiesSet();
        BrokerAdmin admin = new BrokerAdmin(broker.getBrokersAsString());
        try {
            // the broker knows a topic a moment after the controller created it
            await().atMost(Duration.ofSeconds(30)).pollDelay(Duration.ZERO).ignoreExceptions().until(() -> admin.admin()
                    .describeTopics(List.of("short.events")).allTopicNames().get().containsKey("short.events"));
        } finally {
            admin.destroy();
        }
    }

    @AfterAll
    static void stopBroker() {
        broker.destroy();
    }

    @Test
    void reportsUpWithClusterIdNodeCountAndTheTopicsTheStartFoundShort() {
        Health health = healthAfterTheStart(List.of("short.events", "fresh.dlq"), true);

        assertThat(health.getStatus()).as("too few partitions is a warning, not DOWN").isEqualTo(Status.UP);
        assertThat((String) health.getDetails().get("clusterId")).isNotBlank();
        assertThat(health.getDetails()).containsEntry("nodes", 1)
                .containsEntry("topics", Map.of("short.events", 1, "fresh.dlq", 2))
                .containsEntry("topicsWithFewerPartitions", Map.of("short.events", 1))
                .containsEntry("partitionsConfigured", 2);
    }

    @Test
    void namesNoShortTopicsWhenEveryTopicHasThePartitions() {
        Health health = healthAfterTheStart(List.of("enough.events"), true);

        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails()).containsEntry("topics", Map.of("enough.events", 2))
                .doesNotContainKeys("topicsWithFewerPartitions", "partitionsConfigured", "topicsMissing");
    }

    @Test
    void namesTheTopicsThatAreMissingWhenHeraldDoesNotCreateThem() {
        Health health = healthAfterTheStart(List.of("absent.events", "absent.dlq"), false);

        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails()).containsEntry("topics", Map.of())
                .containsEntry("topicsMissing", List.of("absent.events", "absent.dlq"));
    }

    /** The health the indicator reports once Herald's start checked (and, with {@code create}, made) these topics. */
    private static Health healthAfterTheStart(List<String> ownTopics, boolean create) {
        BrokerAdmin admin = new BrokerAdmin(broker.getBrokersAsString());
        try {
            HeraldTopics topics = new HeraldTopics(admin, ownTopics, create, 2, (short) -1);
            topics.start();
            return new KafkaHealthIndicator(admin, topics).health();
        } finally {
            admin.destroy();
        }
    }

    @Test
    void reportsDownWithTheErrorClassAndTopicsNotCheckedWhenNothingListens() throws IOException {
        BrokerAdmin admin = new BrokerAdmin("127.0.0.1:" + closedPort());
        HeraldTopics topics = new HeraldTopics(admin, List.of("unreachable.events"), false, 2, (short) -1);
        KafkaHealthIndicator indicator = new KafkaHealthIndicator(admin, topics);
        try {
            topics.start();

            Health health = indicator.health();

            assertThat(health.getStatus()).isEqualTo(Status.DOWN);
            assertThat(health.getDetails()).containsEntry("error", TimeoutException.class.getName())
                    .containsEntry("topics", "not checked: " + TimeoutException.class.getName());
        } finally {
            admin.destroy();
        }
    }

    @Test
    void reportsDownRatherThanFailingWhenNoBootstrapAddressResolves() {
        BrokerAdmin admin = new BrokerAdmin("no-such-host.invalid:9092");
        HeraldTopics topics = new HeraldTopics(admin, List.of("unresolved.events"), true, 2, (short) -1);
        KafkaHealthIndicator indicator = new KafkaHealthIndicator(admin, topics);
        try {
            Health health = indicator.health();

            assertThat(health.getStatus()).isEqualTo(Status.DOWN);
            assertThat(health.getDetails()).containsKey("error")
                    .as("before the start's check").containsEntry("topics", "not checked yet");
        } finally {
            admin.destroy();
        }
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }
}
