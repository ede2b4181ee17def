package io.herald.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The email channel's sender keeps its SMTP connection: many mails, one connection, and a new one after a break. */
class KeepAliveMailSenderTest {

    private GreenMail smtp;
    private CountingProxy proxy;
    private DefaultCamelContext camel;
    private KeepAliveMailSender sender;

    @BeforeEach
    void start() throws Exception {
        smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        proxy = new CountingProxy(smtp.getSmtp().getPort());
        camel = new DefaultCamelContext();
        camel.start();
        sender = new KeepAliveMailSender(camel, "smtp://127.0.0.1:" + proxy.port(), new Properties());
    }

    @AfterEach
    void stop() throws Exception {
        sender.close();
        proxy.close();
        camel.stop();
        smtp.stop();
    }

    @Test
    void manyMailsFromOneThreadShareOneSmtpConnection() throws Exception {
        for (int i = 0; i < 5; i++) {
            sender.send(mail("customer" + i + "@example.com"));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> smtp.getReceivedMessages().length == 5);
        assertThat(proxy.connections()).isEqualTo(1);
    }

    @Test
    void aBrokenConnectionFailsTheSendAndTheNextSendConnectsAgain() throws Exception {
        sender.send(mail("first@example.com"));
        proxy.dropAll();

        assertThatThrownBy(() -> sender.send(mail("second@example.com"))).isInstanceOf(MessagingException.class);
        sender.send(mail("second@example.com"));

        await().atMost(Duration.ofSeconds(10)).until(() -> smtp.getReceivedMessages().length == 2);
        assertThat(proxy.connections()).isEqualTo(2);
    }

    @Test
    void aMessageIdSetBeforeTheSendIsTheOneTheRelayReceives() throws Exception {
        MimeMessage message = mail("stable@example.com");
        message.setHeader("Message-ID", "<attempt-1@example.com>");

        sender.send(message);

        await().atMost(Duration.ofSeconds(10)).until(() -> smtp.getReceivedMessages().length == 1);
        assertThat(smtp.getReceivedMessages()[0].getMessageID()).isEqualTo("<attempt-1@example.com>");
        assertThat(message.getMessageID()).as("camel-mail reads the sent id from its own message")
                .isEqualTo("<attempt-1@example.com>");
    }

    @Test
    void aMailGoesOutAsBuiltAndAsACopyOnlyWhereTheTransportMaySaveItAgain() throws Exception {
        MimeMessage message = mail("built@example.com");
        assertThat(sender.toSend(message, "<attempt-4@example.com>")).as("no copy to write out and parse back")
                .isSameAs(message);

        Properties eightBit = new Properties();
        eightBit.setProperty("mail.smtp.allow8bitmime", "true");
        KeepAliveMailSender converting = new KeepAliveMailSender(camel, "smtp://127.0.0.1:" + proxy.port(), eightBit);
        MimeMessage converted = mail(converting, "copied@example.com");
        assertThat(converting.toSend(converted, "<attempt-5@example.com>"))
                .isInstanceOf(KeepAliveMailSender.StableIdMessage.class);
        assertThat(converting.toSend(converted, null)).as("no id to keep").isSameAs(converted);
    }

    @Test
    void aRelayThatNeverAnswersFailsTheSendInTimeThoughTheMessageWasMadeFirst() throws Exception {
        Properties quick = new Properties();
        quick.setProperty("mail.smtp.connectiontimeout", "1000");
        quick.setProperty("mail.smtp.timeout", "300");
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            KeepAliveMailSender hung = new KeepAliveMailSender(camel, "smtp://127.0.0.1:" + silent.getLocalPort(),
                    quick);
            MimeMessage message = mail(hung, "waiting@example.com");

            assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertThatThrownBy(() -> hung.send(message))
                    .isInstanceOf(MessagingException.class));
        }
    }

    @Test
    void aMessageIdSurvivesARelayThatTakesEightBitMailWhenTheTransportMayConvertTo8Bits() throws Exception {
        Properties eightBit = new Properties();
        eightBit.setProperty("mail.smtp.allow8bitmime", "true");
        try (ScriptedRelay relay = new ScriptedRelay("8BITMIME")) {
            KeepAliveMailSender converting = new KeepAliveMailSender(camel, "smtp://127.0.0.1:" + relay.port(),
                    eightBit);
            MimeMessage message = mail(converting, "koeln@example.com");
            message.setText("Grüße aus Köln: Ihr Paket ist unterwegs.", "UTF-8");
            message.setHeader("Message-ID", "<attempt-3@example.com>");

            converting.send(message);
            converting.close();

            await().atMost(Duration.ofSeconds(10)).until(() -> relay.data().contains("Ihr Paket"));
            assertThat(relay.data()).as("the transport saved the mail again to send it in 8 bits")
                    .contains("Content-Transfer-Encoding: 8bit").contains("Message-ID: <attempt-3@example.com>");
        }
    }

    @Test
    void aMailWithoutMessageIdGetsOneOfJakartaMails() throws Exception {
        sender.send(mail("random@example.com"));

        await().atMost(Duration.ofSeconds(10)).until(() -> smtp.getReceivedMessages().length == 1);
        assertThat(smtp.getReceivedMessages()[0].getMessageID()).isNotBlank();
    }

    private MimeMessage mail(String to) throws MessagingException {
        return mail(sender, to);
    }

    /** A mail built on the sender's session, as camel-mail's producer builds it before it sends it. */
    private static MimeMessage mail(KeepAliveMailSender via, String to) throws MessagingException {
        MimeMessage message = new MimeMessage(via.getSession());
        message.setFrom(new InternetAddress("shop@example.com"));
        message.setRecipients(jakarta.mail.Message.RecipientType.TO, to);
        message.setSubject("Your order is on its way");
        message.setText("Hello");
        return message;
    }

    /** A TCP relay in front of the SMTP server that counts the connections it accepts and can cut them. */
    private static final class CountingProxy implements AutoCloseable {

        private final ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        private final AtomicInteger connections = new AtomicInteger();
        private final java.util.List<Socket> open = new java.util.concurrent.CopyOnWriteArrayList<>();

        CountingProxy(int target) throws IOException {
            Thread accept = new Thread(() -> {
                while (!server.isClosed()) {
                    try {
                        Socket client = server.accept();
                        Socket upstream = new Socket(InetAddress.getLoopbackAddress(), target);
                        connections.incrementAndGet();
                        open.add(client);
                        open.add(upstream);
                        pipe(client, upstream);
                        pipe(upstream, client);
                    } catch (IOException closed) {
                        return;
                    }
                }
            }, "counting-proxy");
            accept.setDaemon(true);
            accept.start();
        }

        private static void pipe(Socket from, Socket to) {
            Thread copy = new Thread(() -> {
                try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                    in.transferTo(out);
                } catch (IOException ignored) {
                    // the other side went away
                } finally {
                    try {
                        to.close();
                    } catch (IOException ignored) {
                        // already closed
                    }
                }
            });
            copy.setDaemon(true);
            copy.start();
        }

        int port() {
            return server.getLocalPort();
        }

        int connections() {
            return connections.get();
        }

        void dropAll() throws IOException {
            for (Socket socket : open) {
                socket.close();
            }
            open.clear();
        }

        @Override
        public void close() throws IOException {
            dropAll();
            server.close();
        }
    }
}
