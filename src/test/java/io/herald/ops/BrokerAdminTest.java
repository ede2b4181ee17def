package io.herald.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.camel.component.kafka.KafkaConfiguration;
import org.junit.jupiter.api.Test;

/**
 * The admin client reaches the brokers with the Kafka component's security settings, as the routes' clients do
 * (against a PLAINTEXT broker: KafkaHealthIndicatorTest, ConsumerLagTest, HeraldTopicsTest).
 */
class BrokerAdminTest {

    private static final String JAAS = "org.apache.kafka.common.security.scram.ScramLoginModule required "
            + "username=\"herald\" password=\"s3cret\";";

    @Test
    void takesTheKafkaComponentsSecuritySettingsAndNothingElse() {
        KafkaConfiguration kafka = new KafkaConfiguration();
        kafka.setBrokers("kafka-1.example.com:9093");
        kafka.setGroupId("herald-decide");
        kafka.setSecurityProtocol("SASL_SSL");
        kafka.setSaslMechanism("SCRAM-SHA-512");
        kafka.setSaslJaasConfig(JAAS);
        kafka.setSslTruststoreLocation("/etc/herald/kafka-truststore.p12");
        kafka.setSslTruststorePassword("trust-me");
        kafka.setSslTruststoreType("PKCS12");

        Map<String, Object> security = BrokerAdmin.securityOf(kafka);

        assertThat(security)
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry("sasl.jaas.config", JAAS)
                .containsEntry("ssl.truststore.location", "/etc/herald/kafka-truststore.p12")
                .containsEntry("ssl.truststore.password", "trust-me")
                .containsEntry("ssl.truststore.type", "PKCS12")
                .doesNotContainKeys("bootstrap.servers", "group.id");
        assertThat(security.keySet()).allMatch(key -> key.startsWith("security.") || key.startsWith("sasl.")
                || key.startsWith("ssl."));
    }

    @Test
    void withoutSecuritySettingsTheClientSpeaksPlaintext() {
        assertThat(BrokerAdmin.securityOf(new KafkaConfiguration())).containsEntry("security.protocol", "PLAINTEXT")
                .doesNotContainKeys("sasl.jaas.config", "ssl.truststore.location");
    }
}
