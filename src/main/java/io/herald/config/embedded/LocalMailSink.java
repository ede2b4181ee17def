package io.herald.config.embedded;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.util.List;
import org.springframework.context.SmartLifecycle;

/**
 * The default run's SMTP server: a GreenMail SMTP server on 127.0.0.1 that accepts mail for any recipient,
 * without authentication, and keeps it in memory so the console can show what Herald sent.
 *
 * <p>{@link LocalMailSinkEnvironment} starts it while the environment is prepared, so that
 * {@code herald.mail.local-sink.port} holds the real port before Camel resolves its endpoints, and registers it
 * as the bean {@code localMailSink}. It stops with its context, after every other lifecycle bean.
 */
public final class LocalMailSink implements SmartLifecycle, AutoCloseable {

    private static final String LOOPBACK = "127.0.0.1";

    private final GreenMail greenMail;

    private LocalMailSink(GreenMail greenMail) {
        this.greenMail = greenMail;
    }

    /**
     * Starts a sink.
     *
     * @param port the SMTP port on 127.0.0.1; 0 picks a free one
     */
    public static LocalMailSink start(int port) {
        ServerSetup smtp = new ServerSetup(port, LOOPBACK, ServerSetup.PROTOCOL_SMTP);
        GreenMail greenMail = new GreenMail(port == 0 ? smtp.dynamicPort() : smtp)
                .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
        greenMail.start();
        return new LocalMailSink(greenMail);
    }

    /** The port the SMTP server listens on. */
    public int port() {
        return greenMail.getSmtp().getPort();
    }

    /** Every message received since the sink started, oldest first. */
    public List<MimeMessage> received() {
        return List.of(greenMail.getReceivedMessages());
    }

    @Override
    public void close() {
        greenMail.stop();
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
        return greenMail.isRunning();
    }

    /** Stops after the routes that send mail through it. */
    @Override
    public int getPhase() {
        return Integer.MIN_VALUE;
    }
}
