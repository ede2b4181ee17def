package io.herald.config.embedded;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.store.FolderListener;
import com.icegreen.greenmail.store.MailFolder;
import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.user.UserException;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Flags;
import jakarta.mail.internet.MimeMessage;
import java.util.List;
import org.springframework.context.SmartLifecycle;

/**
 * The default run's SMTP server: a GreenMail SMTP server on 127.0.0.1 that accepts mail for any recipient,
 * without authentication, and keeps the newest messages in memory.
 *
 * <p>It keeps at most {@code maxMessages}. Every message, whatever its recipients, goes to one mailbox, in order of
 * arrival, so no mailbox is left behind per customer. When a message takes the mailbox past the bound, the oldest
 * tenth of the bound goes at once: the mailbox holds between 90 % and 100 % of the bound, and the work of dropping is
 * one pass over the mailbox every tenth of the bound, not one per message. A bound below 10 is kept exactly. The default run's {@code /outbox} reads the
 * notification log in the database, not this sink.
 *
 * <p>{@link LocalMailSinkEnvironment} starts it while the environment is prepared, so that
 * {@code herald.mail.local-sink.port} holds the real port before Camel resolves its endpoints, and registers it
 * as the bean {@code localMailSink}. It stops with its context, after every other lifecycle bean.
 */
public final class LocalMailSink implements SmartLifecycle, AutoCloseable {

    /** The bound of the default run, {@code herald.mail.local-sink.max-messages}. */
    public static final int DEFAULT_MAX_MESSAGES = 1000;

    private static final String LOOPBACK = "127.0.0.1";
    private static final String MAILBOX = "sink@herald.local";

    private final GreenMail greenMail;

    private LocalMailSink(GreenMail greenMail) {
        this.greenMail = greenMail;
    }

    /**
     * Starts a sink that keeps the default number of messages.
     *
     * @param port the SMTP port on 127.0.0.1; 0 picks a free one
     */
    public static LocalMailSink start(int port) {
        return start(port, DEFAULT_MAX_MESSAGES);
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
        ServerSetup smtp = new ServerSetup(port, LOOPBACK, ServerSetup.PROTOCOL_SMTP);
        GreenMail greenMail = new GreenMail(port == 0 ? smtp.dynamicPort() : smtp)
                .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
        greenMail.start();
        try {
            GreenMailUser mailbox = greenMail.getUserManager().createUser(MAILBOX, MAILBOX, MAILBOX);
            MailFolder inbox = greenMail.getManagers().getImapHostManager().getInbox(mailbox);
            inbox.addListener(new Bound(inbox, maxMessages));
            greenMail.getUserManager().setMessageDeliveryHandler((message, recipient) -> mailbox);
        } catch (UserException | FolderException | RuntimeException e) {
            greenMail.stop();
            throw new IllegalStateException("Local mail sink could not set up its mailbox", e);
        }
        return new LocalMailSink(greenMail);
    }

    /** The port the SMTP server listens on. */
    public int port() {
        return greenMail.getSmtp().getPort();
    }

    /** The messages the sink still keeps, oldest first: the newest ones received since it started. */
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

    /**
     * Drops the oldest messages of the mailbox once a new one takes it past {@code max}, down to {@code max} less a
     * tenth of it (below 10, down to {@code max}). GreenMail tells its listeners of each message right after storing
     * it, one at a time.
     */
    private record Bound(MailFolder inbox, int max) implements FolderListener {

        @Override
        public void added(int count) {
            if (count <= max) {
                return;
            }
            List<StoredMessage> messages = inbox.getMessages();
            int drop = messages.size() - (max - max / 10);
            if (drop <= 0) {
                return; // another delivery's listener has just pruned
            }
            for (StoredMessage message : messages.subList(0, drop)) {
                message.setFlag(Flags.Flag.DELETED, true);
            }
            try {
                inbox.expunge();
            } catch (FolderException e) {
                throw new IllegalStateException("Local mail sink could not drop its oldest messages", e);
            }
        }

        @Override
        public void expunged(int msn) {
            // nothing to follow
        }

        @Override
        public void flagsUpdated(int msn, Flags flags, Long uid) {
            // nothing to follow
        }

        @Override
        public void mailboxDeleted() {
            // nothing to follow
        }
    }
}
