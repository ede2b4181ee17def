package io.herald.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import kafka.testkit.KafkaClusterTestKit;
import kafka.testkit.TestKitNodes;
import org.apache.camel.component.kafka.KafkaConfiguration;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.actuate.health.Health;

/**
 * A real KRaft broker whose clients must speak TLS (SSL), with a self-signed certificate made here by the JDK's
 * {@code keytool} for {@code localhost} and {@code 127.0.0.1}, so Kafka's hostname verification stays on: the admin
 * client gets in with the Kafka component's truststore settings, and Herald's own topics are created through it.
 */
class BrokerAdminTlsTest {

    private static final String KEYSTORE_PASSWORD = UUID.randomUUID().toString();
    private static final String TRUSTSTORE_PASSWORD = UUID.randomUUID().toString();

    @TempDir
    static Path certificates;

    private static Path brokersTruststore; // holds the broker's certificate
    private static Path strangersTruststore; // holds another self-signed certificate, not the broker's
    private static KafkaClusterTestKit cluster;

    @BeforeAll
    static void startBroker() throws Exception {
        Path keystore = keyPair("broker");
        brokersTruststore = truststore("broker");
        keyPair("stranger");
        strangersTruststore = truststore("stranger");
        cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder().setCombined(true)
                .setNumBrokerNodes(1).setNumControllerNodes(1).build())
                .setConfigProp("listener.security.protocol.map", "EXTERNAL:SSL,CONTROLLER:PLAINTEXT")
                .setConfigProp("listener.name.external.ssl.keystore.location", keystore.toString())
                .setConfigProp("listener.name.external.ssl.keystore.password", KEYSTORE_PASSWORD)
                .setConfigProp("listener.name.external.ssl.keystore.type", "PKCS12")
                // the broker's own client on EXTERNAL, its inter-broker listener
                .setConfigProp("listener.name.external.ssl.truststore.location", brokersTruststore.toString())
                .setConfigProp("listener.name.external.ssl.truststore.password", TRUSTSTORE_PASSWORD)
                .setConfigProp("listener.name.external.ssl.truststore.type", "PKCS12")
                .setConfigProp("auto.create.topics.enable", "false")
                .build();
        cluster.format();
        cluster.startup();
        cluster.waitForReadyBrokers();
    }

    @AfterAll
    static void stopBroker() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void withTheComponentsTlsSettingsTheAdminClientCreatesHeraldsTopics() throws Exception {
        BrokerAdmin brokers = herald(brokersTruststore);
        try {
            SecuredBrokerChecks.letsIn(brokers, "tls.events");
        } finally {
            brokers.stop();
        }
    }

    @Test
    void withoutThemOrTrustingAnotherCertificateTheBrokerLetsNothingIn() throws Exception {
        BrokerAdmin plaintext = new BrokerAdmin(cluster.bootstrapServers());
        BrokerAdmin stranger = herald(strangersTruststore);
        BrokerAdmin herald = herald(brokersTruststore);
        try {
            // a plaintext client's requests go unanswered until they time out (BrokerAdmin.TIMEOUT)
            SecuredBrokerChecks.keepsOut(plaintext, herald, "plain.events");
            Health refused = SecuredBrokerChecks.keepsOut(stranger, herald, "untrusted.events");
            assertThat(refused.getDetails()).as("the handshake fails: the broker's certificate is not trusted")
                    .containsEntry("error", SslAuthenticationException.class.getName());
        } finally {
            plaintext.stop();
            stranger.stop();
            herald.stop();
        }
    }

    private static BrokerAdmin herald(Path truststore) {
        return new BrokerAdmin(cluster.bootstrapServers(), () -> BrokerAdmin.securityOf(tls(truststore)));
    }

    private static KafkaConfiguration tls(Path truststore) {
        KafkaConfiguration kafka = new KafkaConfiguration();
        kafka.setSecurityProtocol("SSL");
        kafka.setSslTruststoreLocation(truststore.toString());
        kafka.setSslTruststorePassword(TRUSTSTORE_PASSWORD);
        kafka.setSslTruststoreType("PKCS12");
        return kafka;
    }

    /** A self-signed key pair for localhost and 127.0.0.1, in the PKCS12 keystore {@code <name>.p12}. */
    private static Path keyPair(String name) throws Exception {
        Path keystore = certificates.resolve(name + ".p12");
        keytool("-genkeypair", "-alias", name, "-keyalg", "EC", "-groupname", "secp256r1",
                "-validity", "2", "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1",
                "-keystore", keystore.toString(), "-storetype", "PKCS12",
                "-storepass:env", "KEYSTORE_PASSWORD", "-keypass:env", "KEYSTORE_PASSWORD");
        return keystore;
    }

    /** A PKCS12 truststore, {@code <name>-trust.p12}, holding only the certificate of {@link #keyPair}'s name. */
    private static Path truststore(String name) throws Exception {
        Path certificate = certificates.resolve(name + ".crt");
        Path truststore = certificates.resolve(name + "-trust.p12");
        keytool("-exportcert", "-rfc", "-alias", name, "-file", certificate.toString(),
                "-keystore", certificates.resolve(name + ".p12").toString(), "-storetype", "PKCS12",
                "-storepass:env", "KEYSTORE_PASSWORD");
        keytool("-importcert", "-noprompt", "-alias", name, "-file", certificate.toString(),
                "-keystore", truststore.toString(), "-storetype", "PKCS12",
                "-storepass:env", "TRUSTSTORE_PASSWORD");
        return truststore;
    }

    /** Runs the JDK's keytool, the passwords in its environment rather than on its command line. */
    private static void keytool(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("KEYSTORE_PASSWORD", KEYSTORE_PASSWORD);
        builder.environment().put("TRUSTSTORE_PASSWORD", TRUSTSTORE_PASSWORD);
        Process keytool = builder.start();
        keytool.getOutputStream().close(); // a question asked would read the end of its input, not wait for it
        String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!keytool.waitFor(30, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
            keytool.destroyForcibly();
            throw new IllegalStateException("keytool " + String.join(" ", arguments) + " failed:\n" + output);
        }
    }
}
