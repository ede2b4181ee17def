package io.herald.config.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The local mail sink's SMTP, spoken over a socket as a client would, and through Jakarta Mail as Herald does. */
class LocalSmtpSessionTest {

    private LocalMailSink sink;
    private final List<Client> clients = new java.util.concurrent.CopyOnWriteArrayList<>();

    @BeforeEach
    void startSink() {
        sink = LocalMailSink.start(0, 50);
    }

    @AfterEach
    void stopSink() throws IOException {
        for (Client client : clients) {
            client.socket.close();
        }
        sink.close();
    }

    @Test
    void transactionsOnOneConnectionKeepEachMessageWithItsDotsRestoredAndATraceOnTop() throws Exception {
        Client client = connect();
        assertThat(client.reply()).startsWith("220 ");
        assertThat(client.command("EHLO herald.test")).contains("250-8BITMIME", "250 SIZE 10485760");

        assertThat(client.command("MAIL FROM:<notifications@herald.local>")).startsWith("250 ");
        assertThat(client.command("RCPT TO:<ada@customer.example>")).startsWith("250 ");
        assertThat(client.command("DATA")).startsWith("354 ");
        assertThat(client.command("Subject: First\r\n\r\n..a line that starts with a dot\r\n...\r\nlast line\r\n."))
                .startsWith("250 ");

        assertThat(client.command("MAIL FROM:<> BODY=8BITMIME")).as("a null reverse path").startsWith("250 ");
        assertThat(client.command("RCPT TO: <grace@customer.example>")).startsWith("250 ");
        assertThat(client.command("DATA")).startsWith("354 ");
        assertThat(client.command("Subject: Second\r\n\r\nbody\r\n.")).startsWith("250 ");
        assertThat(client.command("QUIT")).startsWith("221 ");

        List<MimeMessage> received = sink.received();
        assertThat(received).extracting(MimeMessage::getSubject).containsExactly("First", "Second");
        assertThat(text(received.get(0))).isEqualTo(".a line that starts with a dot\r\n..\r\nlast line\r\n");
        assertThat(received.get(0).getHeader("Return-Path")).containsExactly("<notifications@herald.local>");
        assertThat(received.get(0).getHeader("Received")[0]).startsWith("from herald.test ([127.0.0.1])")
                .contains("by herald.local");
        assertThat(received.get(1).getHeader("Return-Path")).containsExactly("<>");
    }

    @Test
    void commandsOutOfOrderOrUnknownAreRefusedAndTheSessionGoesOn() throws Exception {
        Client client = connect();
        client.reply();
        assertThat(client.command("MAIL FROM:<a@herald.local>")).as("before EHLO").startsWith("503 ");
        assertThat(client.command("HELO")).as("without a domain").startsWith("501 ");
        assertThat(client.command("HELO herald.test")).startsWith("250 ");
        assertThat(client.command("RCPT TO:<ada@customer.example>")).as("before MAIL").startsWith("503 ");
        assertThat(client.command("DATA")).as("before MAIL").startsWith("503 ");
        assertThat(client.command("MAIL TO:<a@herald.local>")).startsWith("501 ");
        assertThat(client.command("MAIL FROM:<a@herald.local>")).startsWith("250 ");
        assertThat(client.command("MAIL FROM:<a@herald.local>")).as("nested").startsWith("503 ");
        assertThat(client.command("DATA")).as("without a recipient").startsWith("503 ");
        assertThat(client.command("RCPT TO:<>")).startsWith("501 ");
        assertThat(client.command("STARTTLS")).startsWith("502 ");
        assertThat(client.command("FLY me to the moon")).startsWith("500 ");
        assertThat(client.command("X".repeat(5000))).startsWith("500 ");
        assertThat(client.command("NOOP" + " ".repeat(4092))).as("4,096 bytes and CRLF: not too long")
                .startsWith("250 ");
        assertThat(client.command("NOOP" + " ".repeat(4093))).as("4,097 bytes").startsWith("500 ");
        assertThat(client.command("NOOP" + " ".repeat(4092) + "\rmore")).as("a CR after 4,096 bytes, and more")
                .startsWith("500 ");
        assertThat(client.command("RSET")).startsWith("250 ");
        assertThat(client.command("NOOP")).startsWith("250 ");

        assertThat(client.command("MAIL FROM:<a@herald.local>")).as("after RSET").startsWith("250 ");
        assertThat(client.command("RCPT TO:<ada@customer.example>")).startsWith("250 ");
        assertThat(client.command("DATA")).startsWith("354 ");
        assertThat(client.command("Subject: After all that\r\n\r\nbody\r\n.")).startsWith("250 ");
        assertThat(sink.received()).extracting(MimeMessage::getSubject).containsExactly("After all that");
    }

    @Test
    void controlCharactersInTheGreetingDoNotMakeHeadersInTheKeptMessage() throws Exception {
        Client client = connect();
        client.reply();
        client.command("EHLO evil.test\rX-Injected: yes");
        client.command("MAIL FROM:<a@herald.local>");
        client.command("RCPT TO:<ada@customer.example>");
        client.command("DATA");
        assertThat(client.command("Subject: Trace\r\n\r\nbody\r\n.")).startsWith("250 ");

        MimeMessage kept = sink.received().get(0);
        assertThat(kept.getHeader("X-Injected")).isNull();
        assertThat(kept.getHeader("Received")[0]).startsWith("from evil.test?X-Injected: yes ([127.0.0.1])");
    }

    @Test
    void pipelinedCommandsAreAnsweredInOrder() throws Exception {
        Client client = connect();
        client.reply();
        client.write("EHLO herald.test\r\nMAIL FROM:<a@herald.local>\r\nRCPT TO:<ada@customer.example>\r\n"
                + "RCPT TO:<grace@customer.example>\r\nDATA\r\n");

        assertThat(client.reply()).startsWith("250-");
        assertThat(List.of(client.reply(), client.reply(), client.reply(), client.reply()))
                .extracting(reply -> reply.substring(0, 4)).containsExactly("250 ", "250 ", "250 ", "354 ");
        assertThat(client.command("Subject: Pipelined\n\nbare line feeds\n.")).startsWith("250 ");
        assertThat(text(sink.received().get(0))).isEqualTo("bare line feeds\r\n");
    }

    @Test
    void messageOverTheSizeLimitIsRefusedAndTheConnectionStaysUsable() throws Exception {
        Client client = connect();
        client.reply();
        client.command("EHLO herald.test");
        assertThat(client.command("MAIL FROM:<a@herald.local> SIZE=" + (LocalMailSink.MAX_MESSAGE_BYTES + 1)))
                .as("declared too large").startsWith("552 ");

        client.command("MAIL FROM:<a@herald.local>");
        client.command("RCPT TO:<ada@customer.example>");
        client.command("DATA");
        String line = "x".repeat(998) + "\r\n";
        StringBuilder large = new StringBuilder("Subject: Too large\r\n\r\n");
        while (large.length() <= LocalMailSink.MAX_MESSAGE_BYTES) {
            large.append(line);
        }
        assertThat(client.command(large + ".")).startsWith("552 ");

        client.command("MAIL FROM:<a@herald.local>");
        client.command("RCPT TO:<ada@customer.example>");
        client.command("DATA");
        assertThat(client.command("Subject: Small\r\n\r\nbody\r\n.")).startsWith("250 ");
        assertThat(sink.received()).extracting(MimeMessage::getSubject).containsExactly("Small");
    }

    @Test
    void connectionsBeyondTheLimitAreAnswered421AndClosed() throws Exception {
        for (int i = 0; i < LocalMailSink.MAX_CONNECTIONS; i++) {
            assertThat(connect().reply()).startsWith("220 ");
        }
        Client refused = connect();
        assertThat(refused.reply()).startsWith("421 ");
        assertThat(refused.in.readLine()).as("closed").isNull();

        clients.remove(0).socket.close();
        // the sink notices the closed connection once it reads from it
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() -> {
            Client next = connect();
            return next.reply().startsWith("220 ");
        });
    }

    @Test
    void connectionsSendingAtOnceEachHaveTheirMessagesKeptUpToTheBound() throws Exception {
        int threads = 8;
        int each = 25;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        try {
            List<java.util.concurrent.Future<Integer>> accepted = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                accepted.add(pool.submit(() -> {
                    Client client = connect();
                    client.reply();
                    client.command("EHLO sender" + thread + ".test");
                    int ok = 0;
                    for (int i = 0; i < each; i++) {
                        client.command("MAIL FROM:<a@herald.local>");
                        client.command("RCPT TO:<ada@customer.example>");
                        client.command("DATA");
                        ok += client.command("Subject: " + thread + "-" + i + "\r\n\r\nbody\r\n.")
                                .startsWith("250 ") ? 1 : 0;
                    }
                    client.command("QUIT");
                    return ok;
                }));
            }
            for (java.util.concurrent.Future<Integer> sent : accepted) {
                assertThat(sent.get(60, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(each);
            }
        } finally {
            pool.shutdownNow();
        }

        List<String> subjects = LocalMailSinkTest.subjects(sink.received());
        assertThat(subjects).as("the newest 50 of 200").hasSize(50).doesNotHaveDuplicates();
        for (int t = 0; t < threads; t++) {
            String prefix = t + "-";
            List<Integer> own = subjects.stream().filter(subject -> subject.startsWith(prefix))
                    .map(subject -> Integer.parseInt(subject.substring(prefix.length()))).toList();
            assertThat(own).as("each connection's messages in the order it sent them").isSorted();
            if (!own.isEmpty()) {
                assertThat(own.get(own.size() - 1)).as("each connection's newest is kept").isEqualTo(each - 1);
            }
        }
    }

    @Test
    void stoppingTheSinkClosesItsOpenConnections() throws Exception {
        Client client = connect();
        client.reply();
        sink.close();

        assertThat(sink.isRunning()).isFalse();
        assertThat(client.in.readLine()).isNull();
    }

    @Test
    void jakartaMailSendsSeveralMessagesOnOneKeptAliveConnectionWithEightBitText() throws Exception {
        Properties properties = new Properties();
        properties.put("mail.smtp.host", "127.0.0.1");
        properties.put("mail.smtp.port", String.valueOf(sink.port()));
        properties.put("mail.smtp.allow8bitmime", "true");
        Session session = Session.getInstance(properties);
        String text = "Ihr Paket ist unterwegs – Grüße, 配送中\r\n.a line that starts with a dot\r\n";
        try (Transport transport = session.getTransport("smtp")) {
            transport.connect();
            for (int i = 1; i <= 3; i++) {
                MimeMessage message = new MimeMessage(session);
                message.setFrom(new InternetAddress("notifications@herald.local"));
                message.setRecipient(Message.RecipientType.TO,
                        new InternetAddress("joerg@customer.example", "Jörg Müller", "UTF-8"));
                message.setSubject("Sendung " + i, "UTF-8");
                message.setText(text, "UTF-8");
                message.setHeader("Content-Transfer-Encoding", "8bit");
                transport.sendMessage(message, message.getAllRecipients());
                assertThat(transport.isConnected()).as("NOOP keeps the connection").isTrue();
            }
        }

        List<MimeMessage> received = sink.received();
        assertThat(received).extracting(MimeMessage::getSubject).containsExactly("Sendung 1", "Sendung 2",
                "Sendung 3");
        assertThat(received.get(2).getContent()).isEqualTo(text);
        InternetAddress to = (InternetAddress) received.get(2).getAllRecipients()[0];
        assertThat(to.getAddress()).isEqualTo("joerg@customer.example");
        assertThat(to.getPersonal()).isEqualTo("Jörg Müller");
    }

    private Client connect() throws IOException {
        Client client = new Client(new Socket(InetAddress.getLoopbackAddress(), sink.port()));
        clients.add(client);
        return client;
    }

    private static String text(MimeMessage message) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        message.getRawInputStream().transferTo(bytes);
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** A client that writes lines and reads replies, a multi-line reply as one. */
    private static final class Client {

        private final Socket socket;
        private final BufferedReader in;
        private final OutputStream out;

        Client(Socket socket) throws IOException {
            this.socket = socket;
            socket.setSoTimeout(10_000);
            this.in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            this.out = socket.getOutputStream();
        }

        String command(String line) throws IOException {
            write(line + "\r\n");
            return reply();
        }

        void write(String text) throws IOException {
            out.write(text.getBytes(StandardCharsets.UTF_8));
            out.flush();
        }

        String reply() throws IOException {
            StringBuilder reply = new StringBuilder();
            String line;
            do {
                line = in.readLine();
                if (line == null) {
                    throw new IOException("closed after: " + reply);
                }
                reply.append(line).append('\n');
            } while (line.length() > 3 && line.charAt(3) == '-');
            return reply.toString();
        }
    }
}
