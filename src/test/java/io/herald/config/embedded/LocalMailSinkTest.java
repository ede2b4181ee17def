package io.herald.config.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

class LocalMailSinkTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dataDir;

    @Test
    void sinkAcceptsMailForAnyRecipientWithoutAuthentication() throws Exception {
        try (LocalMailSink sink = LocalMailSink.start(0, LocalMailSink.DEFAULT_MAX_MESSAGES)) {
            assertThat(sink.port()).isPositive();

            send(sink.port(), "anyone@customer.example", "Your order has shipped");

            await().atMost(WAIT).until(() -> sink.received().size() == 1);
            MimeMessage received = sink.received().get(0);
            assertThat(received.getSubject()).isEqualTo("Your order has shipped");
            assertThat(received.getAllRecipients()[0].toString()).isEqualTo("anyone@customer.example");
        }
    }

    @Test
    void sinkKeepsAtMostItsBoundAndDropsTheOldestFirst() throws Exception {
        try (LocalMailSink sink = LocalMailSink.start(0, 20)) {
            List<Integer> sizes = new ArrayList<>();
            for (int i = 1; i <= 65; i++) {
                send(sink.port(), "customer" + i + "@customer.example", "Message " + i);
                sizes.add(sink.received().size()); // SMTP answers once the message is stored
            }

            assertThat(sizes).as("nothing dropped up to the bound, never more than it after")
                    .containsExactlyElementsOf(IntStream.rangeClosed(1, 65).map(i -> Math.min(i, 20)).boxed().toList());
            assertThat(subjects(sink.received())).as("the newest, in order of arrival")
                    .isEqualTo(IntStream.rangeClosed(46, 65).mapToObj(i -> "Message " + i).toList());
        }
    }

    @Test
    void sinkOfOneKeepsTheNewestMessage() throws Exception {
        try (LocalMailSink sink = LocalMailSink.start(0, 1)) {
            send(sink.port(), "first@customer.example", "First");
            send(sink.port(), "second@customer.example", "Second");

            assertThat(subjects(sink.received())).containsExactly("Second");
        }
    }

    @Test
    void defaultRunPublishesTheSinkPortAndExposesTheSinkAsABean() throws Exception {
        LocalMailSink sink;
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(NoBeans.class)
                .web(WebApplicationType.NONE)
                .registerShutdownHook(false)
                .run("--herald.mail.local-sink.enabled=true", "--herald.mail.local-sink.port=0",
                        "--herald.mail.local-sink.max-messages=2",
                        "--herald.kafka.embedded.enabled=false", "--herald.data-dir=" + dataDir)) {
            sink = context.getBean(LocalMailSink.class);
            int port = context.getEnvironment().getProperty("herald.mail.local-sink.port", Integer.class);
            assertThat(port).isPositive().isEqualTo(sink.port());
            assertThat(context.getEnvironment().getProperty("herald.channels.email.uri"))
                    .as("the email channel resolves to the sink")
                    .isEqualTo("smtp://localhost:" + port);

            send(port, "someone.else@customer.example", "Delivery exception");

            await().atMost(WAIT).until(() -> sink.received().size() == 1);
            assertThat(sink.received().get(0).getSubject()).isEqualTo("Delivery exception");

            send(port, "someone.else@customer.example", "Out for delivery");
            send(port, "someone.else@customer.example", "Delivered");
            assertThat(subjects(sink.received())).as("herald.mail.local-sink.max-messages bounds the sink")
                    .containsExactly("Out for delivery", "Delivered");
        }
        assertThat(sink.isRunning()).as("sink stops with its context").isFalse();
    }

    static List<String> subjects(List<MimeMessage> messages) throws MessagingException {
        List<String> subjects = new ArrayList<>();
        for (MimeMessage message : messages) {
            subjects.add(message.getSubject());
        }
        return subjects;
    }

    private static void send(int port, String to, String subject) throws MessagingException {
        Properties props = new Properties();
        props.put("mail.smtp.host", "127.0.0.1");
        props.put("mail.smtp.port", String.valueOf(port));
        props.put("mail.smtp.connectiontimeout", "5000");
        props.put("mail.smtp.timeout", "5000");
        MimeMessage message = new MimeMessage(Session.getInstance(props));
        message.setFrom(new InternetAddress("notifications@herald.local"));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
        message.setSubject(subject);
        message.setText("Hello from Herald");
        Transport.send(message);
    }

    @Configuration(proxyBeanMethods = false)
    static class NoBeans {
    }
}
