package io.herald.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.herald.support.KafkaBatches;
import io.herald.support.StreamCacheText;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.apache.camel.TypeConverter;
import org.apache.camel.api.management.mbean.ManagedRouteMBean;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.converter.stream.InputStreamCache;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A batch route as Herald's Kafka consumer routes are built (bean kafkaBatches, route kafka-batch-end, the component
 * settings of application.yaml), on the real broker: a record that fails is dead-lettered with its own payload and
 * does not hold back its batch; what a batch publishes goes out together; its offsets are committed only after that,
 * so a batch cut off by a stop, or whose publishing failed, is read again.
 */
class KafkaBatchesIT extends HeraldIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Autowired
    private KafkaBatches batches;

    @Autowired
    private DataSource dataSource;

    private final List<String> published = new CopyOnWriteArrayList<>();
    private final List<String> deadLettered = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();

    @Test
    void marshalledBodiesBecomeTheProducersTextThroughHeraldsConverter() {
        TypeConverter converter = camel.getTypeConverterRegistry().lookup(String.class, InputStreamCache.class);

        assertThat(converter).as("camel-main registered the StreamCacheText bean, not Camel's bulk converters")
                .asString().contains(StreamCacheText.class.getName());
        assertThat(converter.convertTo(String.class, new InputStreamCache("{\"city\":\"Köln\"}"
                .getBytes(StandardCharsets.UTF_8)))).isEqualTo("{\"city\":\"Köln\"}");
    }

    @Test
    void failingRecordIsDeadLetteredAloneAndTheBatchCommittedAfterItsPublishes() throws Exception {
        String group = "herald-test-batches-failing";
        createTopics(group + ".in", group + ".out");
        for (String body : List.of("r0", "r1", "r2", "bad", "r4", "r5")) {
            publish(group + ".in", "k", body);
        }

        start(group, body -> {
            if ("bad".equals(body)) {
                throw new IllegalStateException("refused " + body);
            }
            return body;
        });

        await().atMost(WAIT).untilAsserted(() -> assertThat(published)
                .containsExactlyInAnyOrder("r0", "r1", "r2", "r4", "r5"));
        assertThat(deadLettered).as("the dead letter gets the record's own payload").containsExactly("bad");
        await().atMost(WAIT).untilAsserted(() -> assertThat(committed(group)).isEqualTo(6L));
        stop(group);
    }

    @Test
    void batchCutOffByAForcedStopPublishesNothingAndIsReadAgainWhole() throws Exception {
        String group = "herald-test-batches-forced";
        createTopics(group + ".in", group + ".out");
        for (String body : List.of("r0", "r1", "slow", "r3")) {
            publish(group + ".in", "k", body);
        }
        CountDownLatch inHand = new CountDownLatch(1);
        AtomicBoolean hang = new AtomicBoolean(true);

        start(group, body -> {
            if ("slow".equals(body) && hang.get()) {
                // a record that outlasts the shutdown timeout, as a retrying channel does
                inHand.countDown();
                new CountDownLatch(1).await();
            }
            return body;
        });
        assertThat(inHand.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        camel.getRouteController().stopRoute(group, 1, TimeUnit.SECONDS);

        assertThat(published).as("a batch publishes at its end, not record by record").isEmpty();
        assertThat(committed(group)).as("nothing of the batch is committed").isNull();
        hang.set(false);
        camel.getRouteController().startRoute(group);
        await().atMost(WAIT).untilAsserted(() -> assertThat(published)
                .containsExactlyInAnyOrder("r0", "r1", "slow", "r3"));
        await().atMost(WAIT).untilAsserted(() -> assertThat(committed(group)).isEqualTo(4L));
        stop(group);
    }

    @Test
    void batchWhosePublishingFailsIsNotCommittedAndIsReadAgain() throws Exception {
        String group = "herald-test-batches-refused";
        createTopics(group + ".in", group + ".out");
        for (String body : List.of("r0", "r1", "r2")) {
            publish(group + ".in", "k", body);
        }
        // the first time, r1's output is larger than the producer may send: Kafka refuses it, and the batch fails
        AtomicBoolean tooLarge = new AtomicBoolean(true);

        start(group, body -> "r1".equals(body) && tooLarge.getAndSet(false) ? "x".repeat(2_000_000) : body);

        // r2 comes after r0 in the batch read again: wait for it too, not only for r0
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(attempts.get("r0")).hasValue(2);
            assertThat(attempts.get("r2")).as("the whole batch is read again").isNotNull().hasValue(2);
        });
        await().atMost(WAIT).untilAsserted(() -> assertThat(published).contains("r0", "r1", "r2"));
        await().atMost(WAIT).untilAsserted(() -> assertThat(committed(group)).isEqualTo(3L));
        stop(group);
    }

    @Test
    void eventThatFailsInTheDecideStageIsDeadLetteredAndItsBatchCommitsTheRest() throws Exception {
        String orderId = "SO-BATCH-" + System.nanoTime();
        String email = "batch." + orderId.toLowerCase() + "@example.com";
        camel.getRouteController().stopRoute("events-consume");
        try {
            assertThat(post("/api/v1/intake/oms", SamplePayloads.omsOrder(orderId, "C-" + orderId, email,
                    "+4915112345555", "en", "email", 20)).statusCode()).isEqualTo(202);
            // the same key as the order's event: the same partition, so the same batch once the consumer is back
            publish("herald.events", "order:" + orderId, "{not an event of " + orderId);
        } finally {
            camel.getRouteController().startRoute("events-consume");
        }

        await().atMost(WAIT).until(() -> !notificationsOf(orderId).isEmpty());
        await().atMost(WAIT).until(() -> jdbc.queryForObject("SELECT COUNT(*) FROM dead_letter WHERE stage = "
                + "'events-decide' AND payload = ?", Integer.class, "{not an event of " + orderId) == 1);
        await().atMost(WAIT).until(() -> mailsTo(email).size() == 1);
    }

    /**
     * An event that fails for good in its database work (here a constraint refuses its customer's row) is dead-lettered
     * once, and the rest of its batch commits. Before, the failing {@code @Transactional} step had marked the event's
     * savepoint rollback-only, so the savepoint's commit after the dead letter failed the whole batch, which came
     * round again, failed the same way, and held its partition for ever.
     */
    @Test
    void eventThatFailsForGoodInItsDatabaseWorkIsDeadLetteredOnceAndItsBatchCommitsTheRest() throws Exception {
        String orderId = "SO-REFUSED-" + System.nanoTime();
        String email = "refused." + orderId.toLowerCase() + "@example.com";
        String refused = SamplePayloads.omsOrder(orderId, "C-REFUSED-" + orderId, email, "+4915112345557", "en",
                "email", 20).replace("evt-" + orderId, "evt-" + orderId + "-refused");
        String cancelled = SamplePayloads.omsOrderCancelled(orderId, "C-" + orderId, email, "+4915112345557", 5);
        jdbc.execute("ALTER TABLE customer ADD CONSTRAINT it_refused_customer CHECK (customer_id NOT LIKE 'C-REFUSED-%')");
        try {
            // one order, so one partition: the same batch once the consumer is back
            postWhileEventsWait(refused, cancelled);

            await().atMost(WAIT).until(() -> notificationsOf(orderId).stream()
                    .anyMatch(n -> "order_cancelled".equals(n.get("TYPE"))));
        } finally {
            jdbc.execute("ALTER TABLE customer DROP CONSTRAINT it_refused_customer");
        }
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM dead_letter WHERE stage = 'events-decide' "
                + "AND payload LIKE ?", Integer.class, "%C-REFUSED-" + orderId + "%")).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM customer WHERE customer_id = ?", Integer.class,
                "C-" + orderId)).as("the rest of the batch").isEqualTo(1);
        assertThat(dlqRecordsMentioning("C-REFUSED-" + orderId)).as("herald.dlq").hasSize(1);
    }

    /**
     * A valid event whose database work waits on a lock for longer than its retries last is not a dead letter: the
     * database failed, not the event. Its batch is rolled back and read again, and the event is decided once the lock
     * is gone. Before, it was also sent to herald.dlq as dead, each time its batch came round.
     */
    @Test
    void eventThatWaitsOnALockPastItsRetriesIsReadAgainNotDeadLettered() throws Exception {
        String orderId = "SO-LOCKED-" + System.nanoTime();
        String email = "locked." + orderId.toLowerCase() + "@example.com";
        placeOrder(orderId, email, "+4915112345556");
        ManagedRouteMBean consume = eventsConsume();
        long failedBefore = consume.getExchangesFailed();

        try (Connection holder = dataSource.getConnection()) {
            lockOrder(holder, orderId);
            String cancelled = SamplePayloads.omsOrderCancelled(orderId, "C-" + orderId, email, "+4915112345556", 5);
            assertThat(post("/api/v1/intake/oms", cancelled).statusCode()).isEqualTo(202);
            // seven waits for H2's lock timeout and the backoff between them, then the batch fails as a whole
            await().atMost(WAIT).until(() -> consume.getExchangesFailed() > failedBefore);
            holder.rollback();
        }

        await().atMost(WAIT).until(() -> notificationsOf(orderId).stream()
                .anyMatch(n -> "order_cancelled".equals(n.get("TYPE"))));
        assertThat(dlqRecordsMentioning(orderId)).as("herald.dlq").isEmpty();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM dead_letter WHERE payload LIKE ?", Integer.class,
                "%" + orderId + "%")).as("dead_letter").isZero();
    }

    /**
     * An event that fails for good is one dead letter, though its batch fail afterwards for another reason and be read
     * again: here the event after it in the batch waits on a lock past its retries, which fails the batch. Before, the
     * failed event was kept and published on herald.dlq again each time its batch came round (its dead letter is
     * written in a transaction of its own, so the batch's rollback does not take it back).
     */
    @Test
    void eventDeadLetteredInABatchThatIsReadAgainIsOneDeadLetter() throws Exception {
        String lockedId = "SO-LOCKED2-" + System.nanoTime();
        String email = "locked2." + lockedId.toLowerCase() + "@example.com";
        placeOrder(lockedId, email, "+4915112345558");
        String refusedId = orderOnTheSamePartitionAs(lockedId);
        String refused = SamplePayloads.omsOrder(refusedId, "C-REFUSED-" + refusedId, "r." + email, "+4915112345559",
                "en", "email", 20);
        String cancelled = SamplePayloads.omsOrderCancelled(lockedId, "C-" + lockedId, email, "+4915112345558", 5);
        ManagedRouteMBean consume = eventsConsume();
        long failedBefore = consume.getExchangesFailed();
        jdbc.execute("ALTER TABLE customer ADD CONSTRAINT it_refused_customer2 CHECK (customer_id NOT LIKE 'C-REFUSED-%')");
        try (Connection holder = dataSource.getConnection()) {
            lockOrder(holder, lockedId);
            // one partition, in this order: the refused event is dead-lettered, then the cancellation waits
            postWhileEventsWait(refused, cancelled);
            await().atMost(WAIT).until(() -> consume.getExchangesFailed() > failedBefore);
            holder.rollback();

            await().atMost(WAIT).until(() -> notificationsOf(lockedId).stream()
                    .anyMatch(n -> "order_cancelled".equals(n.get("TYPE"))));
        } finally {
            jdbc.execute("ALTER TABLE customer DROP CONSTRAINT it_refused_customer2");
        }
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM dead_letter WHERE stage = 'events-decide' "
                + "AND payload LIKE ?", Integer.class, "%C-REFUSED-" + refusedId + "%")).isEqualTo(1);
        assertThat(dlqRecordsMentioning("C-REFUSED-" + refusedId)).as("herald.dlq").hasSize(1);
    }

    /**
     * An event that fails on the database (here its fingerprint's insert, waiting past its retries on another
     * transaction that inserted the same fingerprint, as two consumers deciding the same records across a rebalance
     * would) leaves its batch's transaction rollback-only. The events
     * after it in the batch are not tried in the lost transaction, where each failed after its own retries with an
     * error in the log, every time the batch came round: they wait for the batch to be read again, and are decided
     * then.
     */
    @Test
    void eventsAfterAFailureThatLostTheBatchsTransactionWaitForTheBatchToBeReadAgain() throws Exception {
        String racedId = "SO-RACED-" + System.nanoTime();
        String laterId = orderOnTheSamePartitionAs(racedId);
        String email = "raced." + racedId.toLowerCase() + "@example.com";
        ManagedRouteMBean consume = eventsConsume();
        ManagedRouteMBean decide = managedRoute("events-decide");
        long batchesFailedBefore = consume.getExchangesFailed();
        long eventsFailedBefore = decide.getExchangesFailed();
        try (Connection other = dataSource.getConnection()) {
            raceFingerprintOf(other, racedId, laterId, email, "+4915112345562", "+4915112345563");
            await().atMost(WAIT).until(() -> consume.getExchangesFailed() > batchesFailedBefore);
            long eventsFailed = decide.getExchangesFailed() - eventsFailedBefore;
            long batchesFailed = consume.getExchangesFailed() - batchesFailedBefore;
            other.rollback();
            assertThat(eventsFailed).as("events failed in %d failed batches", batchesFailed).isEqualTo(batchesFailed);
        }
        await().atMost(WAIT).until(() -> jdbc.queryForObject(
                "SELECT COUNT(*) FROM customer_order WHERE order_id IN (?, ?)", Integer.class, racedId, laterId) == 2);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM dead_letter WHERE payload LIKE ? OR payload LIKE ?",
                Integer.class, "%" + racedId + "%", "%" + laterId + "%")).as("dead_letter").isZero();
    }

    private ManagedRouteMBean eventsConsume() {
        return managedRoute("events-consume");
    }

    /** What a record of the batch route does: its output, which the batch publishes on {@code <group>.out}. */
    private interface RecordWork {
        String apply(String body) throws Exception;
    }

    private void start(String group, RecordWork work) throws Exception {
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("kafka:" + group + ".in?groupId=" + group + "&autoOffsetReset=earliest&batching=true"
                        + "&maxPollRecords=50&batchingIntervalMs=20&pollTimeoutMs=200&shutdownTimeout=1000")
                        .routeId(group)
                        .errorHandler(noErrorHandler())
                        .bean(batches, "open")
                        .split(method(batches, "records"))
                            .to("direct:" + group + "-record")
                        .end()
                        .to("direct:kafka-batch-end");
                from("direct:" + group + "-record")
                        .routeId(group + "-record")
                        .errorHandler(deadLetterChannel("direct:" + group + "-dead").useOriginalMessage()
                                .maximumRedeliveries(1).redeliveryDelay(0))
                        .process(exchange -> {
                            String body = exchange.getMessage().getBody(String.class);
                            attempts.computeIfAbsent(body, b -> new AtomicInteger()).incrementAndGet();
                            exchange.getMessage().setBody(work.apply(body));
                            batches.collect(exchange, group + ".out");
                        });
                from("direct:" + group + "-dead")
                        .routeId(group + "-dead")
                        .process(exchange -> deadLettered.add(exchange.getMessage().getBody(String.class)));
                from("kafka:" + group + ".out?groupId=" + group + "-out&autoOffsetReset=earliest")
                        .routeId(group + "-out")
                        .process(exchange -> published.add(exchange.getMessage().getBody(String.class)));
            }
        });
    }

    private void stop(String group) throws Exception {
        for (String route : List.of(group, group + "-out", group + "-record", group + "-dead")) {
            camel.getRouteController().stopRoute(route);
            camel.removeRoute(route);
        }
    }

    private Long committed(String group) throws Exception {
        return committedOffset(group, group + ".in");
    }
}
