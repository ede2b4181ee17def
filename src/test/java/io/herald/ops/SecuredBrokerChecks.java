package io.herald.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;

/**
 * What a broker that wants its clients secured shows of Herald's admin client, whatever the security
 * ({@link BrokerAdminSaslTest}, {@link BrokerAdminTlsTest}): let in, it creates Herald's topics and reads the cluster as
 * UP; kept out, it creates nothing and reads it as DOWN.
 */
final class SecuredBrokerChecks {

    private SecuredBrokerChecks() {
    }

    /** {@code brokers} gets in: Herald's start creates {@code topic} with 3 partitions, and health is UP. */
    static void letsIn(BrokerAdmin brokers, String topic) throws Exception {
        HeraldTopics own = new HeraldTopics(brokers, List.of(topic), true, 3, (short) -1);
        own.start();

        // the broker knows a topic a moment after the controller created it
        await().atMost(Duration.ofSeconds(10)).pollDelay(Duration.ZERO)
                .untilAsserted(() -> assertThat(topics(brokers)).contains(topic));
        assertThat(brokers.admin().describeTopics(List.of(topic)).allTopicNames()
                .get(BrokerAdmin.WAIT_MS, TimeUnit.MILLISECONDS).get(topic).partitions()).hasSize(3);
        assertThat(new KafkaHealthIndicator(brokers, own).health().getStatus()).isEqualTo(Status.UP);
    }

    /**
     * {@code brokers} is kept out: Herald's start does not create {@code topic} (as {@code herald}, let in, lists the
     * topics), and health is DOWN; answers that health, for what it says of the refusal.
     */
    static Health keepsOut(BrokerAdmin brokers, BrokerAdmin herald, String topic) throws Exception {
        HeraldTopics own = new HeraldTopics(brokers, List.of(topic), true, 3, (short) -1);
        own.start();

        assertThat(topics(herald)).doesNotContain(topic);
        Health health = new KafkaHealthIndicator(brokers, own).health();
        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        return health;
    }

    private static Set<String> topics(BrokerAdmin brokers) throws Exception {
        return brokers.admin().listTopics().names().get(BrokerAdmin.WAIT_MS, TimeUnit.MILLISECONDS);
    }
}
