package io.herald.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * Herald's own topics on a real broker that, like many production clusters, does not create topics on first use:
 * the missing ones are created with the configured partitions, an existing one is left as it is and reported when it
 * has fewer; with creation off nothing is created, and the topics are still checked. What the check at the start
 * found is kept for the {@code kafka} health component.
 */
@ExtendWith(OutputCaptureExtension.class)
class HeraldTopicsTest {

    private static EmbeddedKafkaKraftBroker broker;
    private static Admin admin;

    @BeforeAll
    static void startBroker() {
        broker = new EmbeddedKafkaKraftBroker(1, 1, "own.events");
        broker.brokerProperties(Map.of("auto.create.topics.enable", "false"));
        broker.afterPropertiesSet();
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()));
        partitions("own.events");
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
            assertThat(topics.checked()).as("nothing checked before the start").isEmpty();

            topics.start();

            assertThat(partitions("own.events", "own.dlq", "own.outbound.sms"))
                    .as("the created ones have 4 partitions; own.events, created before with 1, is not changed")
                    .isEqualTo(Map.of("own.events", 1, "own.dlq", 4, "own.outbound.sms", 4));
            assertThat(topics.checked()).as("the start's check, kept for the health component").hasValue(
                    new HeraldTopics.Check(Map.of("own.events", 1, "own.dlq", 4, "own.outbound.sms", 4), 4, List.of(), null));
            assertThat(topics.checked().orElseThrow().fewer()).isEqualTo(Map.of("own.events", 1));
            assertThat(topics.check().fewer()).as("a second instance creates nothing, and finds the same topic short")
                    .isEqualTo(Map.of("own.events", 1));
        } finally {
            brokers.stop();
        }
    }

    @ParameterizedTest(name = "embedded: {0}")
    @ValueSource(booleans = {true, false})
    void theWmsTopicIsCreatedOnlyOnTheEmbeddedBrokerWhereNoOtherSystemCreatesIt(boolean embedded) throws Exception {
        String wms = "in.wms.shipments." + embedded;
        BrokerAdmin brokers = new BrokerAdmin(broker.getBrokersAsString());
        try {
            HeraldTopics topics = new HeraldTopics(brokers, "emb.events." + embedded, "emb.dlq." + embedded,
                    "emb.email." + embedded, "emb.sms." + embedded, "emb.push." + embedded, wms, embedded, true, 2,
                    (short) -1);

            topics.start();

            assertThat(admin.listTopics().names().get().contains(wms)).isEqualTo(embedded);
        } finally {
            brokers.stop();
        }
    }

    @Test
    void withCreationOffNothingIsCreatedAndTheTopicsAreStillChecked(CapturedOutput log) throws Exception {
        admin.createTopics(List.of(new NewTopic("own.managed.events", 1, (short) 1))).all().get();
        partitions("own.managed.events");
        BrokerAdmin brokers = new BrokerAdmin(broker.getBrokersAsString());
        try {
            HeraldTopics topics = new HeraldTopics(brokers, List.of("own.managed.events", "own.outbound.push"),
                    false, 4, (short) -1);

            topics.start();

            assertThat(admin.listTopics().names().get()).doesNotContain("own.outbound.push");
            assertThat(partitions("own.managed.events")).as("left as it is").isEqualTo(Map.of("own.managed.events", 1));
            assertThat(topics.checked()).as("the short one is reported, and the missing one named")
                    .hasValue(new HeraldTopics.Check(Map.of("own.managed.events", 1), 4, List.of("own.outbound.push"),
                            null));
            assertThat(topics.checked().orElseThrow().fewer()).isEqualTo(Map.of("own.managed.events", 1));
            assertThat(log.getOut()).contains("Kafka topic own.managed.events has 1 partition(s), fewer than "
                    + "herald.kafka.own-topics.partitions (4)")
                    .contains("Kafka topic own.outbound.push does not exist (herald.kafka.own-topics.create is false): "
                            + "create it with 4 partitions");
        } finally {
            brokers.stop();
        }
    }

    @ParameterizedTest(name = "create: {0}")
    @ValueSource(booleans = {true, false})
    void aBrokerThatCannotBeReachedIsLoggedAndDoesNotStopTheStart(boolean create, CapturedOutput log) {
        BrokerAdmin brokers = new BrokerAdmin("127.0.0.1:1");
        try {
            HeraldTopics topics = new HeraldTopics(brokers, List.of("own.unreachable"), create, 4, (short) -1);

            topics.start();

            assertThat(topics.isRunning()).isTrue();
            assertThat(topics.checked()).as("kept as not checked, with the error's class")
                    .hasValue(new HeraldTopics.Check(Map.of(), 4, List.of(), TimeoutException.class.getName()));
            assertThat(log.getOut()).contains("Herald's Kafka topics [own.unreachable] could not be checked");
        } finally {
            brokers.stop();
        }
    }

    /**
     * The partitions of each topic, once the broker describes them all: a topic just created is known to the broker a
     * moment after the controller answered.
     */
    private static Map<String, Integer> partitions(String... names) {
        return await().atMost(Duration.ofSeconds(30)).pollDelay(Duration.ZERO).ignoreExceptions()
                .until(() -> admin.describeTopics(Set.of(names)).allTopicNames().get().entrySet().stream()
                        .collect(Collectors.toMap(Map.Entry::getKey, topic -> topic.getValue().partitions().size())),
                        Objects::nonNull);
    }
}
