package io.herald.channel;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An SMTP relay for one connection that offers the EHLO extensions it is given, accepts every sender and recipient,
 * and keeps the commands it was sent and what one mail's DATA carried. It has no certificate: it answers STARTTLS
 * with {@code 454 4.7.0}, as a relay whose TLS is unavailable does.
 */
public final class ScriptedRelay implements AutoCloseable {

    private final ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    private final List<String> commands = new CopyOnWriteArrayList<>();
    private final StringBuffer data = new StringBuffer();

    public ScriptedRelay(String... extensions) throws IOException {
        Thread session = new Thread(() -> converse(extensions), "scripted-relay");
        session.setDaemon(true);
        session.start();
    }

    private void converse(String[] extensions) {
        try (Socket client = server.accept(); var in = new BufferedReader(new InputStreamReader(
                client.getInputStream(), StandardCharsets.UTF_8)); OutputStream out = client.getOutputStream()) {
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
                    case "EHLO" -> reply(out, ehlo(extensions));
                    case "STAR" -> reply(out, "454 4.7.0 TLS not available");
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
            // the test is over
        }
    }

    private static String ehlo(String[] extensions) {
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

    /** The commands the client sent, in order, the lines of DATA left out. */
    public List<String> commands() {
        return List.copyOf(commands);
    }

    /** What the mail's DATA carried, its lines ended by a line feed. */
    public String data() {
        return data.toString();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
