package io.herald.channel;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An SMTP relay for tests, on as many connections as it is given: it offers the EHLO extensions it is given, accepts
 * every sender, answers every recipient as it was told (accepted, or refused with {@code 550 5.1.1} as a relay does
 * for an address that does not exist; one recipient may be deferred with {@code 450 4.2.1}), and keeps the commands
 * it was sent and what the mails' DATA carried. It has no certificate: it answers STARTTLS with {@code 454 4.7.0}, as
 * a relay whose TLS is unavailable does.
 */
public final class ScriptedRelay implements AutoCloseable {

    private final ServerSocket server;
    private final String[] extensions;
    private final String recipientReply;
    /** A recipient answered {@code 450 4.2.1}, for now, as a relay does for a mailbox that is busy. */
    private volatile String deferredRecipient;
    private final List<String> commands = new CopyOnWriteArrayList<>();
    private final List<Socket> sessions = new CopyOnWriteArrayList<>();
    private final StringBuffer data = new StringBuffer();

    /** A relay on a free port that accepts every recipient, offering these EHLO extensions. */
    public ScriptedRelay(String... extensions) throws IOException {
        this(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), "250 2.1.5 OK", extensions);
    }

    private ScriptedRelay(ServerSocket server, String recipientReply, String... extensions) {
        this.server = server;
        this.recipientReply = recipientReply;
        this.extensions = extensions;
        Thread acceptor = new Thread(this::accept, "scripted-relay");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /**
     * A relay that knows no mailbox, on the given port (where the test's own SMTP server was): it answers every RCPT TO
     * with {@code 550 5.1.1 mailbox unavailable}.
     */
    public static ScriptedRelay refusingEveryRecipient(int port) throws IOException {
        return new ScriptedRelay(boundTo(port), "550 5.1.1 mailbox unavailable");
    }

    /**
     * A relay on the given port that accepts every recipient but this one, which it defers with
     * {@code 450 4.2.1 mailbox busy} until {@link #stopDeferring()}.
     */
    public static ScriptedRelay deferring(int port, String address) throws IOException {
        ScriptedRelay relay = new ScriptedRelay(boundTo(port), "250 2.1.5 OK");
        relay.deferredRecipient = address;
        return relay;
    }

    private static ServerSocket boundTo(int port) throws IOException {
        ServerSocket server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        return server;
    }

    /** From now on the deferred recipient is accepted too. */
    public void stopDeferring() {
        deferredRecipient = null;
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                sessions.add(client);
                Thread session = new Thread(() -> converse(client), "scripted-relay-session");
                session.setDaemon(true);
                session.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void converse(Socket client) {
        try (client; var in = new BufferedReader(new InputStreamReader(client.getInputStream(),
                StandardCharsets.UTF_8)); OutputStream out = client.getOutputStream()) {
            reply(out, "220 relay.test ESMTP");
            boolean inData = false;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (inData) {
                    if (line.equals(".")) {
                        inData = false;
                        reply(out, "250 2.0.0 queued");
                    } else {
                        data.append(line).append('\n');
                    }
                    continue;
                }
                commands.add(line);
                String verb = line.length() < 4 ? line.toUpperCase() : line.substring(0, 4).toUpperCase();
                switch (verb) {
                    case "EHLO" -> reply(out, ehlo());
                    case "STAR" -> reply(out, "454 4.7.0 TLS not available");
                    case "RCPT" -> {
                        String deferred = deferredRecipient;
                        reply(out, deferred != null && line.contains("<" + deferred + ">")
                                ? "450 4.2.1 mailbox busy, try again later" : recipientReply);
                    }
                    case "DATA" -> {
                        inData = true;
                        reply(out, "354 go ahead");
                    }
                    case "QUIT" -> {
                        reply(out, "221 2.0.0 bye");
                        return;
                    }
                    default -> reply(out, "250 2.0.0 OK");
                }
            }
        } catch (IOException ignored) {
            // the client went away, or the test is over
        }
    }

    private String ehlo() {
        StringBuilder answer = new StringBuilder(extensions.length == 0 ? "250 relay.test" : "250-relay.test");
        for (int i = 0; i < extensions.length; i++) {
            answer.append("\r\n250").append(i == extensions.length - 1 ? " " : "-").append(extensions[i]);
        }
        return answer.toString();
    }

    private static void reply(OutputStream out, String text) throws IOException {
        out.write((text + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    public int port() {
        return server.getLocalPort();
    }

    /** The commands clients sent, in order, over every connection, the lines of DATA left out. */
    public List<String> commands() {
        return List.copyOf(commands);
    }

    /** How many RCPT TO commands named this address. */
    public long recipientsTried(String address) {
        return commands.stream().filter(line -> line.toUpperCase().startsWith("RCPT")
                && line.contains("<" + address + ">")).count();
    }

    /** What the mails' DATA carried, their lines ended by a line feed. */
    public String data() {
        return data.toString();
    }

    /** Stops listening and ends the connections it has: a client that kept one open must connect again. */
    @Override
    public void close() throws IOException {
        server.close();
        for (Socket session : sessions) {
            session.close();
        }
    }
}
