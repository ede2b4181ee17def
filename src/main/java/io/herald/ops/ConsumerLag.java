package io.herald.ops;

import io.herald.support.Daemons;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.component.kafka.KafkaConfiguration;
import org.apache.camel.component.kafka.KafkaEndpoint;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.DescribeConsumerGroupsOptions;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsOptions;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.ListConsumerGroupsOptions;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * How far Herald's Kafka consumers are behind: for each consumer group whose id starts with
 * {@code herald.kafka.consumer-group} and a dash ({@code herald-decide}, {@code herald-email},
 * {@code herald-intake-wms}, ...) and each topic it reads, the records on the topic that the group has not committed
 * yet, summed over the topic's partitions: the log end offset less the group's committed offset, or less the log
 * start offset for a partition the group has committed nothing on (every Herald consumer starts at the earliest).
 *
 * <p>A group's topics are those its Camel route subscribes to (a pattern such as {@code herald.in.<source>} is matched
 * against the broker's topics), those it committed offsets on, and those its members are assigned now. So a stopped
 * consumer that never committed shows every record of its topics.
 *
 * <p>The figures are read with the {@link BrokerAdmin}'s client at most once every {@code herald.kafka.lag.refresh}
 * (5 s) on the injected {@link Clock}: a background thread reads them at that period, and the {@code kafkaLag}
 * health component reads them when they are older, so neither health checks nor Prometheus scrapes reach the broker
 * more often. The gauge {@code herald.kafka.consumer.lag} (tags {@code group}, {@code topic}) shows the last figures
 * read; it is NaN while they cannot be read.
 */
@Component("consumerLag")
class ConsumerLag implements SmartLifecycle {

    static final String GAUGE = "herald.kafka.consumer.lag";

    private final BrokerAdmin brokers;
    private final String groupPrefix;
    private final MeterRegistry registry;
    private final Clock clock;
    private final Duration refresh;
    private final Supplier<List<Subscription>> subscriptions;
    private final Set<GroupTopic> gauged = ConcurrentHashMap.newKeySet();
    private final Object lifecycle = new Object();
    private volatile Snapshot last; // written under this
    private ScheduledExecutorService reader; // guarded by lifecycle

    /**
     * Camel comes through a provider, not as a dependency: Spring starts a lifecycle bean's dependencies before the
     * bean, and starting Camel ahead of its own time leaves it without the routes it loads later.
     */
    @Autowired
    ConsumerLag(BrokerAdmin brokers, @Value("${herald.kafka.consumer-group}") String consumerGroup,
            MeterRegistry registry, Clock clock, @Value("${herald.kafka.lag.refresh:5s}") Duration refresh,
            ObjectProvider<CamelContext> camel) {
        this(brokers, consumerGroup, registry, clock, refresh, () -> subscriptionsOf(camel.getObject()));
    }

    ConsumerLag(BrokerAdmin brokers, String consumerGroup, MeterRegistry registry, Clock clock, Duration refresh,
            Supplier<List<Subscription>> subscriptions) {
        this.brokers = brokers;
        this.subscriptions = subscriptions;
        this.groupPrefix = consumerGroup + "-";
        this.registry = registry;
        this.clock = clock;
        if (refresh.isNegative() || refresh.toMillis() == 0) {
            throw new IllegalArgumentException("herald.kafka.lag.refresh must be positive: " + refresh);
        }
        this.refresh = refresh;
    }

    /** What a Kafka consumer of Herald's routes reads: its group, and its topics (comma-separated) or pattern. */
    record Subscription(String group, String topics, boolean pattern) {
    }

    /** The subscriptions of the Kafka consumers of Camel's routes, started or stopped. */
    static List<Subscription> subscriptionsOf(CamelContext camel) {
        List<Subscription> subscriptions = new ArrayList<>();
        for (Route route : camel.getRoutes()) {
            if (route.getEndpoint() instanceof KafkaEndpoint kafka && kafka.getConfiguration().getGroupId() != null) {
                KafkaConfiguration consumer = kafka.getConfiguration();
                subscriptions.add(new Subscription(consumer.getGroupId(), consumer.getTopic(),
                        consumer.isTopicIsPattern()));
            }
        }
        return subscriptions;
    }

    /** A group and a topic it reads. */
    record GroupTopic(String group, String topic) {
    }

    /**
     * Lag as read at {@code readAt}: records not yet committed by group and topic, or the class of the error that kept
     * it from being read ({@code lag} then empty).
     */
    record Snapshot(Instant readAt, Map<GroupTopic, Long> lag, String error) {

        /** The lag by group, then topic, both sorted. */
        Map<String, Map<String, Long>> byGroup() {
            Map<String, Map<String, Long>> groups = new TreeMap<>();
            lag.forEach((key, records) -> groups.computeIfAbsent(key.group(), g -> new TreeMap<>())
                    .put(key.topic(), records));
            return groups;
        }
    }

    /** The lag, read again first if the last reading is {@code herald.kafka.lag.refresh} old or older. */
    synchronized Snapshot current() {
        Instant now = clock.instant();
        Snapshot snapshot = last;
        if (snapshot == null || !now.isBefore(snapshot.readAt().plus(refresh)) || now.isBefore(snapshot.readAt())) {
            snapshot = read(now);
            for (GroupTopic key : snapshot.lag().keySet()) {
                if (gauged.add(key)) {
                    Gauge.builder(GAUGE, this, lag -> lag.lastRead(key))
                            .description("Records on a topic that a Herald consumer group has not committed yet")
                            .tag("group", key.group()).tag("topic", key.topic()).register(registry);
                }
            }
            last = snapshot;
        }
        return snapshot;
    }

    /** The last figure read for this group and topic, without asking the broker; NaN if it was not read. */
    private double lastRead(GroupTopic key) {
        Snapshot snapshot = last;
        Long records = snapshot == null ? null : snapshot.lag().get(key);
        return records == null ? Double.NaN : records;
    }

    private Snapshot read(Instant now) {
        try {
            return new Snapshot(now, lag(brokers.admin()), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Snapshot(now, Map.of(), e.getClass().getName());
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            return new Snapshot(now, Map.of(), cause.getClass().getName());
        } catch (Exception e) {
            return new Snapshot(now, Map.of(), e.getClass().getName());
        }
    }

    private Map<GroupTopic, Long> lag(Admin admin) throws Exception {
        int timeoutMs = (int) BrokerAdmin.TIMEOUT.toMillis();
        List<String> groups = get(admin.listConsumerGroups(new ListConsumerGroupsOptions().timeoutMs(timeoutMs)).all())
                .stream().map(ConsumerGroupListing::groupId).filter(id -> id.startsWith(groupPrefix)).sorted()
                .toList();
        Map<String, Set<String>> topicsOf = new TreeMap<>();
        subscribedTopics(admin, timeoutMs).forEach((group, topics) -> topicsOf.put(group, new HashSet<>(topics)));
        Map<String, Map<TopicPartition, OffsetAndMetadata>> committed = new HashMap<>();
        Map<String, ConsumerGroupDescription> described = new HashMap<>();
        if (!groups.isEmpty()) {
            committed.putAll(get(admin.listConsumerGroupOffsets(groups.stream().collect(
                            Collectors.toMap(Function.identity(), g -> new ListConsumerGroupOffsetsSpec())),
                    new ListConsumerGroupOffsetsOptions().timeoutMs(timeoutMs)).all()));
            described.putAll(get(admin.describeConsumerGroups(groups,
                    new DescribeConsumerGroupsOptions().timeoutMs(timeoutMs)).all()));
        }
        for (String group : groups) {
            Set<String> topics = topicsOf.computeIfAbsent(group, g -> new HashSet<>());
            committed.getOrDefault(group, Map.of()).forEach((partition, offset) -> {
                if (offset != null) {
                    topics.add(partition.topic());
                }
            });
            ConsumerGroupDescription description = described.get(group);
            if (description != null) {
                for (MemberDescription member : description.members()) {
                    member.assignment().topicPartitions().forEach(partition -> topics.add(partition.topic()));
                }
            }
        }

        Map<String, List<TopicPartition>> partitionsOf = partitions(admin, topicsOf.values(), timeoutMs);
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
        partitionsOf.values().forEach(partitions -> partitions.forEach(partition -> {
            latest.put(partition, OffsetSpec.latest());
            earliest.put(partition, OffsetSpec.earliest());
        }));
        ListOffsetsOptions offsetsOptions = new ListOffsetsOptions().timeoutMs(timeoutMs);
        Map<TopicPartition, ListOffsetsResultInfo> ends = get(admin.listOffsets(latest, offsetsOptions).all());
        Map<TopicPartition, ListOffsetsResultInfo> starts = get(admin.listOffsets(earliest, offsetsOptions).all());

        Map<GroupTopic, Long> lag = new HashMap<>();
        topicsOf.forEach((group, topics) -> {
            Map<TopicPartition, OffsetAndMetadata> offsets = committed.getOrDefault(group, Map.of());
            for (String topic : topics) {
                List<TopicPartition> partitions = partitionsOf.get(topic);
                if (partitions == null) {
                    continue; // the topic is gone
                }
                long records = 0;
                for (TopicPartition partition : partitions) {
                    OffsetAndMetadata offset = offsets.get(partition);
                    long from = offset != null ? offset.offset() : starts.get(partition).offset();
                    records += Math.max(0, ends.get(partition).offset() - from);
                }
                lag.put(new GroupTopic(group, topic), records);
            }
        });
        return lag;
    }

    /**
     * The topics each Herald group's route subscribes to, whether or not the group has committed or has members: a
     * stopped consumer that never committed lags by every record of its topics. A pattern is matched against the
     * broker's topics.
     */
    private Map<String, Set<String>> subscribedTopics(Admin admin, int timeoutMs) throws Exception {
        Map<String, Set<String>> topicsOf = new HashMap<>();
        Set<String> existing = null;
        for (Subscription subscription : subscriptions.get()) {
            if (!subscription.group().startsWith(groupPrefix)) {
                continue;
            }
            Set<String> topics = topicsOf.computeIfAbsent(subscription.group(), g -> new HashSet<>());
            if (subscription.pattern()) {
                if (existing == null) {
                    existing = get(admin.listTopics(new ListTopicsOptions().timeoutMs(timeoutMs)).names());
                }
                Pattern pattern = Pattern.compile(subscription.topics());
                existing.stream().filter(topic -> pattern.matcher(topic).matches()).forEach(topics::add);
            } else {
                for (String topic : subscription.topics().split(",")) {
                    if (!topic.isBlank()) {
                        topics.add(topic.trim());
                    }
                }
            }
        }
        return topicsOf;
    }

    /** The partitions of each topic that still exists. */
    private static Map<String, List<TopicPartition>> partitions(Admin admin, Collection<Set<String>> topicSets,
            int timeoutMs) throws Exception {
        Set<String> topics = new HashSet<>();
        topicSets.forEach(topics::addAll);
        Map<String, List<TopicPartition>> partitions = new HashMap<>();
        if (topics.isEmpty()) {
            return partitions;
        }
        Map<String, KafkaFuture<TopicDescription>> futures = admin.describeTopics(topics,
                new DescribeTopicsOptions().timeoutMs(timeoutMs)).topicNameValues();
        for (Map.Entry<String, KafkaFuture<TopicDescription>> future : futures.entrySet()) {
            try {
                TopicDescription topic = get(future.getValue());
                partitions.put(topic.name(), topic.partitions().stream()
                        .map(info -> new TopicPartition(topic.name(), info.partition())).toList());
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof org.apache.kafka.common.errors.UnknownTopicOrPartitionException)) {
                    throw e;
                }
            }
        }
        return partitions;
    }

    private static <T> T get(KafkaFuture<T> future) throws Exception {
        return future.get(BrokerAdmin.WAIT_MS, TimeUnit.MILLISECONDS);
    }

    /** Reads the lag in the background every {@code herald.kafka.lag.refresh}, so the gauges follow it. */
    @Override
    public void start() {
        synchronized (lifecycle) {
            if (reader != null) {
                return;
            }
            reader = Daemons.every("herald-kafka-lag", Duration.ZERO, refresh, this::readInBackground);
        }
    }

    private void readInBackground() {
        try {
            current();
        } catch (RuntimeException e) {
            // a failed reading is in the snapshot; anything else must not end the schedule, the next run tries again
        }
    }

    /** Stops the background reading at once, interrupting a reading in progress. */
    @Override
    public void stop() {
        synchronized (lifecycle) {
            if (reader != null) {
                reader.shutdownNow();
                reader = null;
            }
        }
    }

    @Override
    public boolean isRunning() {
        synchronized (lifecycle) {
            return reader != null;
        }
    }
}
