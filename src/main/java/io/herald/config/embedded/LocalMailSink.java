package io.herald.config.embedded;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The default run's SMTP server: accepts mail on 127.0.0.1 for any recipient, without authentication, and keeps the
 * newest messages in memory, as they came, without parsing them ({@link LocalSmtpSession} speaks the protocol).
 *
 * <p>It keeps at most {@code maxMessages}, whatever their recipients, in order of arrival: a message that takes it
 * past the bound drops the oldest. A message is stored before the server answers its {@code DATA}, so a client
 * that got the 250 finds it in {@link #received()}. The default run's {@code /outbox} reads the notification log in
 * the database, not this sink.
 *
 * <p>It serves each connection on a thread of its own, at most {@value #MAX_CONNECTIONS} at once (a Herald instance
 * keeps one per email hand-off thread); one more is answered 421 and closed.
 *
 * <p>{@link LocalMailSinkEnvironment} starts it while the environment is prepared, so that
 * {@code herald.mail.local-sink.port} holds the real port before Camel resolves its endpoints, and registers it
 * as the bean {@code localMailSink}. It stops with its context, after every other lifecycle bean.
 */
public final class LocalMailSink implements SmartLifecycle, AutoCloseable {

    /** The bound when {@code herald.mail.local-sink.max-messages} is not set: application.yaml's. */
    public static final int DEFAULT_MAX_MESSAGES = 200;
    /** The largest message it takes, in bytes, as its {@code EHLO} says ({@code SIZE}). */
    static final int MAX_MESSAGE_BYTES = 10 * 1024 * 1024;
    /** How many connections it serves at once. */
    static final int MAX_CONNECTIONS = 64;

    private static final Logger LOG = LoggerFactory.getLogger(LocalMailSink.class);
    private static final Session PARSING = Session.getInstance(new Properties());

    private final ServerSocket server;
    private final int maxMessages;
    private final Deque<byte[]> messages = new ArrayDeque<>();
    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
    private final AtomicInteger threads = new AtomicInteger();
    private volatile boolean running = true;

    private LocalMailSink(ServerSocket server, int maxMessages) {
        this.server = server;
        this.maxMessages = maxMessages;
    }

    /**
     * Starts a sink.
     *
     * @param port the SMTP port on 127.0.0.1; 0 picks a free one
     * @param maxMessages how many of the newest messages it keeps, at least 1
     */
    public static LocalMailSink start(int port, int maxMessages) {
        if (maxMessages < 1) {
            throw new IllegalArgumentException("herald.mail.local-sink.max-messages must be at least 1: " + maxMessages);
        }
        ServerSocket server;
        try {
            server = new ServerSocket();
            InetAddress loopback = InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
            server.bind(new InetSocketAddress(loopback, port), MAX_CONNECTIONS);
        } catch (IOException e) {
            throw new UncheckedIOException("Local mail sink could not listen on 127.0.0.1:" + port, e);
        }
        LocalMailSink sink = new LocalMailSink(server, maxMessages);
        Thread acceptor = new Thread(sink::accept, "local-mail-sink-accept");
        acceptor.setDaemon(true);
        acceptor.start();
        return sink;
    }

    /** The port the SMTP server listens on. */
    public int port() {
        return server.getLocalPort();
    }

    /** The messages the sink still keeps, oldest first: the newest ones received since it started. */
    public List<MimeMessage> received() {
        List<byte[]> kept;
        synchronized (messages) {
            kept = new ArrayList<>(messages);
        }
        List<MimeMessage> parsed = new ArrayList<>(kept.size());
        for (byte[] message : kept) {
            try {
                parsed.add(new MimeMessage(PARSING, new ByteArrayInputStream(message)));
            } catch (MessagingException e) {
                throw new IllegalStateException("Local mail sink kept a message it cannot parse", e);
            }
        }
        return parsed;
    }

    /** Keeps a message a session received, dropping the oldest one past the bound. */
    void store(byte[] message) {
        synchronized (messages) {
            messages.addLast(message);
            while (messages.size() > maxMessages) {
                messages.removeFirst();
            }
        }
    }

    private void accept() {
        while (running) {
            Socket socket;
            try {
                socket = server.accept();
            } catch (IOException e) {
                if (running) {
                    LOG.warn("Local mail sink stopped accepting connections: {}", e.getMessage());
                }
                return;
            }
            if (connections.size() >= MAX_CONNECTIONS) {
                LocalSmtpSession.refuse(socket);
                continue;
            }
            connections.add(socket);
            Thread thread = new Thread(() -> serve(socket), "local-mail-sink-" + threads.incrementAndGet());
            thread.setDaemon(true);
            thread.start();
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            new LocalSmtpSession(socket, this::store).run();
        } catch (SocketException closed) {
            // the client went away, or the sink stopped
        } catch (IOException e) {
            LOG.debug("Local mail sink connection ended: {}", e.getMessage());
        } finally {
            connections.remove(socket);
        }
    }

    @Override
    public void close() {
        running = false;
        try {
            server.close();
        } catch (IOException e) {
            LOG.debug("Local mail sink's server socket did not close cleanly: {}", e.getMessage());
        }
        for (Socket socket : connections) {
            try {
                socket.close();
            } catch (IOException e) {
                LOG.debug("Local mail sink connection did not close cleanly: {}", e.getMessage());
            }
        }
    }

    @Override
    public void start() {
        // running since it was created
    }

    @Override
    public void stop() {
        close();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops after the routes that send mail through it. */
    @Override
    public int getPhase() {
        return Integer.MIN_VALUE;
    }
}
