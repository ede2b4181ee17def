package io.herald.ops;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.CreateTopicsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Herald's own topics, the ones it both writes and reads ({@code herald.events}, {@code herald.dlq} and the channels'
 * outbound topics), created before the routes start when they are missing, with
 * {@code herald.kafka.own-topics.partitions} partitions. A topic's partitions bound how many consumers of one group
 * get records, over every instance together: created by Kafka on first use, a topic has the broker's
 * {@code num.partitions} (1 unless the cluster says otherwise), and a second instance would only stand by.
 *
 * <p>An existing topic is never changed. One with fewer partitions than configured is named in a warning: adding
 * partitions sends keys to other partitions, so a subject's next events could be decided before its earlier ones
 * still waiting on the old partition; that is the operator's call, on a drained topic. The intake topics
 * ({@code herald.in.*}) belong to the systems that produce them and are left alone. A broker that cannot be reached,
 * or refuses (no ACL to create topics), is logged and Herald starts anyway; {@code herald.kafka.own-topics.create:
 * false} leaves topics to the operator's own tooling.
 */
@Component
class HeraldTopics implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(HeraldTopics.class);

    private final BrokerAdmin brokers;
    private final List<String> topics;
    private final boolean create;
    private final int partitions;
    private final Optional<Short> replicationFactor;
    private volatile boolean running;

    @Autowired
    HeraldTopics(BrokerAdmin brokers,
                 @Value("${herald.kafka.topics.events}") String events,
                 @Value("${herald.kafka.topics.dlq}") String deadLetters,
                 @Value("${herald.kafka.topics.outbound-email}") String email,
                 @Value("${herald.kafka.topics.outbound-sms}") String sms,
                 @Value("${herald.kafka.topics.outbound-push}") String push,
                 @Value("${herald.kafka.own-topics.create}") boolean create,
                 @Value("${herald.kafka.own-topics.partitions}") int partitions,
                 @Value("${herald.kafka.own-topics.replication-factor}") short replicationFactor) {
        this(brokers, List.of(events, deadLetters, email, sms, push), create, partitions, replicationFactor);
    }

    HeraldTopics(BrokerAdmin brokers, List<String> topics, boolean create, int partitions, short replicationFactor) {
        if (partitions < 1) {
            throw new IllegalArgumentException("herald.kafka.own-topics.partitions must be 1 or more");
        }
        this.brokers = brokers;
        this.topics = List.copyOf(topics);
        this.create = create;
        this.partitions = partitions;
        // -1: the broker's default.replication.factor
        this.replicationFactor = replicationFactor < 0 ? Optional.empty() : Optional.of(replicationFactor);
    }

    @Override
    public void start() {
        running = true;
        if (create) {
            ensure();
        }
    }

    /**
     * Creates those of Herald's own topics that are missing; answers, by name, the partitions of each one that has
     * fewer than configured (empty when the broker could not be asked).
     */
    Map<String, Integer> ensure() {
        try {
            Admin admin = brokers.admin();
            Set<String> existing = admin.listTopics().names().get(BrokerAdmin.WAIT_MS, TimeUnit.MILLISECONDS);
            List<NewTopic> missing = topics.stream().filter(topic -> !existing.contains(topic))
                    .map(topic -> new NewTopic(topic, Optional.of(partitions), replicationFactor)).toList();
            if (!missing.isEmpty()) {
                created(admin.createTopics(missing));
            }
            Map<String, KafkaFuture<TopicDescription>> described = admin.describeTopics(topics).topicNameValues();
            Map<String, Integer> fewer = new LinkedHashMap<>();
            for (String topic : topics) {
                int has;
                try {
                    has = described.get(topic).get(BrokerAdmin.WAIT_MS, TimeUnit.MILLISECONDS).partitions().size();
                } catch (ExecutionException notThere) {
                    continue; // not there: its creation failed (and said so), or the broker does not list it yet
                }
                if (has < partitions) {
                    fewer.put(topic, has);
                    LOG.warn("Kafka topic {} has {} partition(s), fewer than herald.kafka.own-topics.partitions ({}): "
                            + "at most {} consumer(s) of a group get its records, over every instance", topic, has,
                            partitions, has);
                }
            }
            return fewer;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Map.of();
        } catch (Exception e) {
            LOG.warn("Herald's Kafka topics {} could not be checked ({}); a missing one is created by the broker with "
                    + "its defaults on first use, if it allows that", topics, describe(e));
            return Map.of();
        }
    }

    private void created(CreateTopicsResult result) throws InterruptedException {
        for (Map.Entry<String, KafkaFuture<Void>> topic : result.values().entrySet()) {
            try {
                topic.getValue().get(BrokerAdmin.WAIT_MS, TimeUnit.MILLISECONDS);
                LOG.info("Created Kafka topic {} with {} partitions", topic.getKey(), partitions);
            } catch (ExecutionException | TimeoutException e) {
                if (!(e.getCause() instanceof TopicExistsException)) { // else another instance created it first
                    LOG.warn("Could not create Kafka topic {} ({}): create it with {} partitions", topic.getKey(),
                            describe(e), partitions);
                }
            }
        }
    }

    private static String describe(Exception e) {
        Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
        return cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }

    @Override
    public void stop() {
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** After the embedded broker's wait (the lowest phase), before Tomcat and Camel's routes. */
    @Override
    public int getPhase() {
        return Integer.MIN_VALUE + 1;
    }
}
