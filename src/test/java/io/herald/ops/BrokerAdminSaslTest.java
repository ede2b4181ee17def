package io.herald.ops;

import kafka.testkit.KafkaClusterTestKit;
import kafka.testkit.TestKitNodes;
import org.apache.camel.component.kafka.KafkaConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A real KRaft broker whose clients must log in (SASL_PLAINTEXT, PLAIN): the admin client gets in with the Kafka
 * component's settings, and Herald's own topics are created through it.
 */
class BrokerAdminSaslTest {

    private static KafkaClusterTestKit cluster;

    @BeforeAll
    static void startBroker() throws Exception {
        cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder().setCombined(true)
                .setNumBrokerNodes(1).setNumControllerNodes(1).build())
                .setConfigProp("listener.security.protocol.map", "EXTERNAL:SASL_PLAINTEXT,CONTROLLER:PLAINTEXT")
                .setConfigProp("sasl.enabled.mechanisms", "PLAIN")
                .setConfigProp("sasl.mechanism.inter.broker.protocol", "PLAIN")
                .setConfigProp("listener.name.external.plain.sasl.jaas.config", plain("broker", "broker-secret")
                        .replace(";", " user_broker=\"broker-secret\" user_herald=\"herald-secret\";"))
                .setConfigProp("auto.create.topics.enable", "false")
                .build();
        cluster.format();
        cluster.startup();
        cluster.waitForReadyBrokers();
    }

    @AfterAll
    static void stopBroker() throws Exception {
        cluster.close();
    }

    @Test
    void withTheComponentsLoginTheAdminClientCreatesHeraldsTopics() throws Exception {
        BrokerAdmin brokers = herald("herald-secret");
        try {
            SecuredBrokerChecks.letsIn(brokers, "sasl.events");
        } finally {
            brokers.stop();
        }
    }

    @Test
    void withoutItTheBrokerLetsNothingIn() throws Exception {
        BrokerAdmin plaintext = new BrokerAdmin(cluster.bootstrapServers());
        BrokerAdmin wrongPassword = herald("guessed");
        BrokerAdmin herald = herald("herald-secret");
        try {
            SecuredBrokerChecks.keepsOut(plaintext, herald, "plain.events");
            SecuredBrokerChecks.keepsOut(wrongPassword, herald, "guessed.events");
        } finally {
            plaintext.stop();
            wrongPassword.stop();
            herald.stop();
        }
    }

    private static BrokerAdmin herald(String password) {
        return new BrokerAdmin(cluster.bootstrapServers(), () -> BrokerAdmin.securityOf(login("herald", password)));
    }

    private static KafkaConfiguration login(String user, String password) {
        KafkaConfiguration kafka = new KafkaConfiguration();
        kafka.setSecurityProtocol("SASL_PLAINTEXT");
        kafka.setSaslMechanism("PLAIN");
        kafka.setSaslJaasConfig(plain(user, password));
        return kafka;
    }

    private static String plain(String user, String password) {
        return "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"" + user
                + "\" password=\"" + password + "\";";
    }
}
