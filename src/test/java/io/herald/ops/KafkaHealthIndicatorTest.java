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
        BrokerAdmin admin = new BrokerAdmin(broker.getBrokersAsString());
        KafkaHealthIndicator indicator = new KafkaHealthIndicator(admin);
        try {
            Health health = indicator.health();

            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat((String) health.getDetails().get("clusterId")).isNotBlank();
            assertThat(health.getDetails()).containsEntry("nodes", 1);
        } finally {
            admin.destroy();
            broker.destroy();
        }
    }

    @Test
    void reportsDownWithTheErrorClassWhenNothingListens() throws IOException {
        BrokerAdmin admin = new BrokerAdmin("127.0.0.1:" + closedPort());
        KafkaHealthIndicator indicator = new KafkaHealthIndicator(admin);
        try {
            Health health = indicator.health();

            assertThat(health.getStatus()).isEqualTo(Status.DOWN);
            assertThat(health.getDetails()).containsEntry("error", TimeoutException.class.getName());
        } finally {
            admin.destroy();
        }
    }

    @Test
    void reportsDownRatherThanFailingWhenNoBootstrapAddressResolves() {
        BrokerAdmin admin = new BrokerAdmin("no-such-host.invalid:9092");
        KafkaHealthIndicator indicator = new KafkaHealthIndicator(admin);
        try {
            Health health = indicator.health();

            assertThat(health.getStatus()).isEqualTo(Status.DOWN);
            assertThat(health.getDetails()).containsKey("error");
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
