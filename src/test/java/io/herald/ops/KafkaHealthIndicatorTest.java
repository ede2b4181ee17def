package io.herald.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

class KafkaHealthIndicatorTest {

    @Test
    void reportsUpWithClusterIdAndNodeCountWhenTheBrokerAnswers() {
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 1);
        broker.afterPropertiesSet();
        KafkaHealthIndicator indicator = new KafkaHealthIndicator(broker.getBrokersAsString());
        try {
            Health health = indicator.health();

            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat((String) health.getDetails().get("clusterId")).isNotBlank();
            assertThat(health.getDetails()).containsEntry("nodes", 1);
        } finally {
            indicator.destroy();
            broker.destroy();
        }
    }

    @Test
    void reportsDownWithTheErrorClassWhenNothingListens() throws IOException {
        KafkaHealthIndicator indicator = new KafkaHealthIndicator("127.0.0.1:" + closedPort());
        try {
            Health health = indicator.health();

            assertThat(health.getStatus()).isEqualTo(Status.DOWN);
            assertThat(health.getDetails()).containsEntry("error", TimeoutException.class.getName());
        } finally {
            indicator.destroy();
        }
    }

    @Test
    void reportsDownRatherThanFailingWhenNoBootstrapAddressResolves() {
        KafkaHealthIndicator indicator = new KafkaHealthIndicator("no-such-host.invalid:9092");
        try {
            Health health = indicator.health();

            assertThat(health.getStatus()).isEqualTo(Status.DOWN);
            assertThat(health.getDetails()).containsKey("error");
        } finally {
            indicator.destroy();
        }
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }
}
