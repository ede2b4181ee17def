package io.herald.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.kafka.DefaultKafkaClientFactory;
import org.apache.camel.support.service.ServiceSupport;
import org.apache.kafka.clients.consumer.Consumer;
import org.junit.jupiter.api.Test;

/**
 * What Herald's Kafka consumers commit, with the component settings of application.yaml: the offset after the last
 * record whose exchange completed, never the position the consumer polled to. A record cut off by a stop is read
 * again by the next owner of its partition.
 */
class KafkaCommitsIT extends HeraldIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void recordCutOffByAForcedStopIsReadAgain() throws Exception {
        String topic = "herald.test.commits-forced";
        String group = "herald-test-commits-forced";
        createTopics(topic);
        List<String> done = new CopyOnWriteArrayList<>();
        CountDownLatch inHand = new CountDownLatch(1);
        AtomicBoolean hang = new AtomicBoolean(true);
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                // the consumer waits one second, not thirty, for the record in hand when it is stopped
                from("kafka:" + topic + "?groupId=" + group + "&autoOffsetReset=earliest&shutdownTimeout=1000")
                        .routeId(group)
                        .errorHandler(noErrorHandler())
                        .process(exchange -> {
                            String body = exchange.getMessage().getBody(String.class);
                            if ("slow".equals(body) && hang.get()) {
                                // a hand-off that outlasts the shutdown timeout, as a retrying channel does
                                inHand.countDown();
                                new CountDownLatch(1).await();
                            }
                            done.add(body);
                        });
            }
        });
        publish(topic, "k", "first");
        publish(topic, "k", "slow");
        publish(topic, "k", "after");
        assertThat(inHand.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        await().atMost(WAIT).untilAsserted(() -> assertThat(committedOffset(group, topic))
                .as("the record done is committed while the next one is in hand").isEqualTo(1L));

        // the graceful stop runs out of time and is forced: the record in hand is cut off
        camel.getRouteController().stopRoute(group, 1, TimeUnit.SECONDS);
        assertThat(done).containsExactly("first");
        assertThat(committedOffset(group, topic)).as("committed past the record cut off").isEqualTo(1);

        hang.set(false);
        camel.getRouteController().startRoute(group);
        await().atMost(WAIT).untilAsserted(() -> assertThat(done).containsExactly("first", "slow", "after"));
        camel.getRouteController().stopRoute(group);
        camel.removeRoute(group);
    }

    @Test
    void recordsOfAPollLeftByAGracefulStopAreReadAgain() throws Exception {
        String topic = "herald.test.commits-graceful";
        String group = "herald-test-commits-graceful";
        createTopics(topic);
        for (int i = 0; i < 20; i++) {
            publish(topic, "k", "record-" + i);
        }
        List<String> done = new CopyOnWriteArrayList<>();
        CountDownLatch third = new CountDownLatch(1);
        CountDownLatch stopping = new CountDownLatch(1);
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                // many records a poll: a stopping consumer finishes the record in hand and leaves the rest
                from("kafka:" + topic + "?groupId=" + group + "&autoOffsetReset=earliest&maxPollRecords=500")
                        .routeId(group)
                        .errorHandler(noErrorHandler())
                        .process(exchange -> {
                            String body = exchange.getMessage().getBody(String.class);
                            done.add(body);
                            if ("record-2".equals(body)) {
                                third.countDown();
                                stopping.await(WAIT.toSeconds(), TimeUnit.SECONDS);
                            }
                        });
            }
        });
        assertThat(third.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        Thread stop = new Thread(() -> {
            try {
                camel.getRouteController().stopRoute(group, 30, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        stop.start();
        ServiceSupport consumer = (ServiceSupport) camel.getRoute(group).getConsumer();
        await().atMost(WAIT).until(() -> consumer.isSuspendingOrSuspended() || consumer.isStoppingOrStopped());
        stopping.countDown();
        stop.join(WAIT.toMillis());
        int before = done.size();
        assertThat(committedOffset(group, topic)).as("the commit covers the records done, no more")
                .isEqualTo(before);

        camel.getRouteController().startRoute(group);
        await().atMost(WAIT).until(() -> done.size() == 20);
        assertThat(done).doesNotHaveDuplicates();
        camel.getRouteController().stopRoute(group);
        camel.removeRoute(group);
    }

    @Test
    void recordAfterACommitThatFailedIsNotSkipped() throws Exception {
        String topic = "herald.test.commits-failed";
        String group = "herald-test-commits-failed";
        createTopics(topic);
        List<String> done = new CopyOnWriteArrayList<>();
        // a real consumer whose first commit times out, as one does while the broker restarts
        AtomicBoolean commitFails = new AtomicBoolean(true);
        camel.getRegistry().bind("firstCommitTimesOut", new DefaultKafkaClientFactory() {
            @Override
            public Consumer getConsumer(Properties props) {
                Consumer<?, ?> real = super.getConsumer(props);
                return (Consumer<?, ?>) Proxy.newProxyInstance(Consumer.class.getClassLoader(),
                        new Class<?>[] {Consumer.class}, (proxy, method, args) -> {
                            if (method.getName().equals("commitSync") && commitFails.getAndSet(false)) {
                                throw new org.apache.kafka.common.errors.TimeoutException(
                                        "Timeout of 5000ms expired before successfully committing offsets");
                            }
                            try {
                                return method.invoke(real, args);
                            } catch (InvocationTargetException e) {
                                throw e.getCause();
                            }
                        });
            }
        });
        for (int i = 0; i < 5; i++) {
            publish(topic, "k", "record-" + i);
        }
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("kafka:" + topic + "?groupId=" + group + "&autoOffsetReset=earliest"
                        + "&kafkaClientFactory=#firstCommitTimesOut")
                        .routeId(group)
                        .errorHandler(noErrorHandler())
                        .process(exchange -> done.add(exchange.getMessage().getBody(String.class)));
            }
        });

        await().atMost(WAIT).untilAsserted(() -> assertThat(done)
                .containsExactly("record-0", "record-1", "record-2", "record-3", "record-4"));
        assertThat(commitFails).isFalse();
        camel.getRouteController().stopRoute(group);
        camel.removeRoute(group);
    }
}
