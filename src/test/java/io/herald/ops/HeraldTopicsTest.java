package io.herald.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * Herald's own topics on a real broker that, like many production clusters, does not create topics on first use:
 * the missing ones are created with the configured partitions, an existing one is left as it is and reported when it
 * has fewer.
 */
class HeraldTopicsTest {

    private static EmbeddedKafkaKraftBroker broker;
    private static Admin admin;

    @BeforeAll
    static void startBroker() {
        broker = new EmbeddedKafkaKraftBroker(1, 1, "own.events");
        broker.brokerProperties(Map.of("auto.create.topics.enable", "false"));
        broker.afterPropertiesSet();
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()));
    }

    @AfterAll
    static void stopBroker() {
        admin.close();
        broker.destroy();
    }

    @Test
    void missingTopicsAreCreatedWithThePartitionsAndAnExistingOneIsLeftAndReported() throws Exception {
        BrokerAdmin brokers = new BrokerAdmin(broker.getBrokersAsString());
        try {
            HeraldTopics topics = new HeraldTopics(brokers, List.of("own.events", "own.dlq", "own.outbound.sms"),
                    true, 4, (short) -1);

            topics.start();

            assertThat(partitions("own.events", "own.dlq", "own.outbound.sms"))
                    .as("the created ones have 4 partitions; own.events, created before with 1, is not changed")
                    .isEqualTo(Map.of("own.events", 1, "own.dlq", 4, "own.outbound.sms", 4));
            assertThat(topics.ensure()).as("a second instance creates nothing, and finds the same topic short")
                    .isEqualTo(Map.of("own.events", 1));
        } finally {
            brokers.stop();
        }
    }

    @Test
    void withCreationOffTopicsAreLeftToTheOperator() throws Exception {
        BrokerAdmin brokers = new BrokerAdmin(broker.getBrokersAsString());
        try {
            new HeraldTopics(brokers, List.of("own.outbound.push"), false, 4, (short) -1).start();

            assertThat(admin.listTopics().names().get()).doesNotContain("own.outbound.push");
        } finally {
            brokers.stop();
        }
    }

    @Test
    void aBrokerThatCannotBeReachedIsLoggedAndDoesNotStopTheStart() {
        BrokerAdmin brokers = new BrokerAdmin("127.0.0.1:1");
        try {
            HeraldTopics topics = new HeraldTopics(brokers, List.of("own.unreachable"), true, 4, (short) -1);

            topics.start();

            assertThat(topics.isRunning()).isTrue();
        } finally {
            brokers.stop();
        }
    }

    private static Map<String, Integer> partitions(String... names) throws Exception {
        return admin.describeTopics(Set.of(names)).allTopicNames().get().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, topic -> topic.getValue().partitions().size()));
    }
}
