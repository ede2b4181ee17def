package io.herald.ops;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
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
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
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
 * ({@code herald.in.*}) belong to the systems that produce them and are left alone, but for the WMS topic on the
 * default run's embedded broker, where no other system creates it (and the WMS consumer would first warn that it is
 * missing). A broker that cannot be reached,
 * or refuses (no ACL to create topics), is logged and Herald starts anyway. {@code herald.kafka.own-topics.create:
 * false} leaves topics to the operator's own tooling: Herald then creates nothing, but still describes the topics and
 * warns about one that is missing or has fewer partitions.
 *
 * <p>What the check at the start found is kept ({@link #checked()}) for the {@code kafka} health component
 * ({@link KafkaHealthIndicator}), which shows it without asking the broker again.
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
    private volatile Check checked; // null until the start ran the check

    @Autowired
    HeraldTopics(BrokerAdmin brokers,
                 @Value("${herald.kafka.topics.events}") String events,
                 @Value("${herald.kafka.topics.dlq}") String deadLetters,
                 @Value("${herald.kafka.topics.outbound-email}") String email,
                 @Value("${herald.kafka.topics.outbound-sms}") String sms,
                 @Value("${herald.kafka.topics.outbound-push}") String push,
                 @Value("${herald.kafka.topics.wms-shipments}") String wms,
                 @Value("${herald.kafka.embedded.enabled:false}") boolean embedded,
                 @Value("${herald.kafka.own-topics.create}") boolean create,
                 @Value("${herald.kafka.own-topics.partitions}") int partitions,
                 @Value("${herald.kafka.own-topics.replication-factor}") short replicationFactor) {
        this(brokers, embedded ? List.of(events, deadLetters, email, sms, push, wms)
                : List.of(events, deadLetters, email, sms, push), create, partitions, replicationFactor);
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

    /**
     * What a check found: the partitions of each topic it could describe, by name in the configured order, the
     * configured count, and the topics that are not there; or, in {@code error}, the class of the error that kept it
     * from asking the broker at all (then with no topics). Immutable, so any thread may read it.
     */
    record Check(Map<String, Integer> partitions, int configured, List<String> missing, String error) {

        Check {
            partitions = Collections.unmodifiableMap(new LinkedHashMap<>(partitions));
            missing = List.copyOf(missing);
        }

        /** The topics with fewer partitions than configured, and their partitions, by name. */
        Map<String, Integer> fewer() {
            Map<String, Integer> fewer = new LinkedHashMap<>();
            partitions.forEach((topic, has) -> {
                if (has < configured) {
                    fewer.put(topic, has);
                }
            });
            return fewer;
        }
    }

    @Override
    public void start() {
        running = true;
        checked = check();
    }

    /** What the check at the start found; empty before it ran. */
    Optional<Check> checked() {
        return Optional.ofNullable(checked);
    }

    /**
     * Creates those of Herald's own topics that are missing, unless creation is off; then describes them all, and
     * warns about each one with fewer partitions than configured, and, with creation off, each one that does not
     * exist (a creation that failed has said so already). A broker that cannot be asked, or refuses, is logged and
     * answered as the error's class.
     */
    Check check() {
        try {
            Admin admin = brokers.admin();
            Set<String> created = create ? createMissing(admin) : Set.of();
            Map<String, KafkaFuture<TopicDescription>> described = admin.describeTopics(topics).topicNameValues();
            Map<String, Integer> found = new LinkedHashMap<>();
            List<String> missing = new ArrayList<>();
            for (String topic : topics) {
                try {
                    found.put(topic, described.get(topic).get(BrokerAdmin.WAIT_MS, TimeUnit.MILLISECONDS)
                            .partitions().size());
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                        throw e; // the broker could not be asked, or refused (no ACL to describe topics)
                    }
                    if (created.contains(topic)) { // just now, and the broker asked does not list it yet
                        found.put(topic, partitions);
                    } else { // its creation failed (and said so), or creation is off
                        missing.add(topic);
                    }
                }
            }
            Check check = new Check(found, partitions, missing, null);
            if (!create) {
                missing.forEach(topic -> LOG.warn("Kafka topic {} does not exist (herald.kafka.own-topics.create is "
                        + "false): create it with {} partitions; until then the broker creates it on first use with "
                        + "its own defaults, if it allows that", topic, partitions));
            }
            check.fewer().forEach((topic, has) -> LOG.warn("Kafka topic {} has {} partition(s), fewer than "
                    + "herald.kafka.own-topics.partitions ({}): at most {} consumer(s) of a group get its records, "
                    + "over every instance", topic, has, partitions, has));
            return check;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Check(Map.of(), partitions, List.of(), e.getClass().getName());
        } catch (Exception e) {
            LOG.warn("Herald's Kafka topics {} could not be checked ({}); a missing one is created by the broker with "
                    + "its defaults on first use, if it allows that", topics, describe(e));
            return new Check(Map.of(), partitions, List.of(), cause(e).getClass().getName());
        }
    }

    /** Creates the topics that are missing; answers those it created. */
    private Set<String> createMissing(Admin admin) throws InterruptedException, ExecutionException, TimeoutException {
        Set<String> existing = admin.listTopics().names().get(BrokerAdmin.WAIT_MS, TimeUnit.MILLISECONDS);
        List<NewTopic> missing = topics.stream().filter(topic -> !existing.contains(topic))
                .map(topic -> new NewTopic(topic, Optional.of(partitions), replicationFactor)).toList();
        return missing.isEmpty() ? Set.of() : created(admin.createTopics(missing));
    }

    private Set<String> created(CreateTopicsResult result) throws InterruptedException {
        Set<String> created = new HashSet<>();
        for (Map.Entry<String, KafkaFuture<Void>> topic : result.values().entrySet()) {
            try {
                topic.getValue().get(BrokerAdmin.WAIT_MS, TimeUnit.MILLISECONDS);
                created.add(topic.getKey());
                LOG.info("Created Kafka topic {} with {} partitions", topic.getKey(), partitions);
            } catch (ExecutionException | TimeoutException e) {
                if (!(e.getCause() instanceof TopicExistsException)) { // else another instance created it first
                    LOG.warn("Could not create Kafka topic {} ({}): create it with {} partitions", topic.getKey(),
                            describe(e), partitions);
                }
            }
        }
        return created;
    }

    private static String describe(Exception e) {
        Throwable cause = cause(e);
        return cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }

    private static Throwable cause(Exception e) {
        return e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
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
