package io.herald.channel;

import jakarta.mail.MessagingException;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.util.Date;
import java.util.Properties;
import org.apache.camel.CamelContext;
import org.apache.camel.component.mail.DefaultJavaMailSender;
import org.apache.camel.component.mail.MailConfiguration;
import org.apache.camel.component.mail.MailEndpoint;

/**
 * A camel-mail sender that keeps one SMTP connection open per sending thread instead of connecting, greeting and
 * quitting for every message. The relay's address and login come from the email channel's own endpoint URI
 * ({@code herald.channels.email.uri}), read on first use, so that URI stays the one place they are set. A connection
 * idle for longer than {@link #MAX_IDLE_MILLIS}, or one that failed, is closed and opened again; a failed send is
 * thrown to the route, whose redelivery sends it again on a fresh connection. A Message-ID set before the send (the
 * notification's, by {@link EmailMessages}) is kept.
 */
public class KeepAliveMailSender extends DefaultJavaMailSender {

    static final long MAX_IDLE_MILLIS = 20_000;

    private final CamelContext camel;
    private final String endpointUri;
    private final Properties tuning;
    private final ThreadLocal<Connection> connections = new ThreadLocal<>();
    private volatile boolean configured;

    public KeepAliveMailSender(CamelContext camel, String endpointUri, Properties tuning) {
        this.camel = camel;
        this.endpointUri = endpointUri;
        this.tuning = tuning;
    }

    /**
     * Sends the message camel-mail built, with the Message-ID it was given. {@code saveChanges()} replaces any
     * Message-ID with a random one, so the given one is set again after it, and the transport writes a saved message
     * as it is. Only where the transport saves a message again before it writes it (Angus Mail's SMTP transport does,
     * when {@code mail.smtp.allow8bitmime} lets it convert the message to 8 bits) does the mail go out as a
     * {@link StableIdMessage}, a copy that keeps its id whenever it is saved: making that copy writes the whole message
     * out and parses it back, which took a quarter of the email hand-off's CPU while it was made for every mail (issue
     * 11, docs/benchmarks.md).
     */
    @Override
    public void send(MimeMessage message) throws MessagingException {
        configure();
        String messageId = message.getHeader(EmailMessages.MESSAGE_ID, null);
        MimeMessage sending = toSend(message, messageId);
        if (sending.getSentDate() == null) {
            sending.setSentDate(new Date());
        }
        sending.saveChanges();
        if (messageId != null) {
            // saveChanges() gave it a random id; camel-mail also reads the sent mail's id from the message it built
            message.setHeader(EmailMessages.MESSAGE_ID, messageId);
        }
        Transport transport = connection();
        try {
            transport.sendMessage(sending, sending.getAllRecipients());
            connections.get().touch();
        } catch (MessagingException | RuntimeException e) {
            close();
            throw e;
        }
    }

    /**
     * The mail session, with the endpoint's and Herald's settings (the timeouts above all). camel-mail's producer asks
     * for it to build each message before it sends one, so the first message would otherwise make a session without
     * them, kept for good: with no timeout, a relay that stops answering held the hand-off threads for ever.
     */
    @Override
    public Session getSession() {
        configure();
        return super.getSession();
    }

    /**
     * The message itself, or, where it has a Message-ID and the transport may save it again as it sends it (when it
     * may convert it to 8 bits), a {@link StableIdMessage} copy of it.
     */
    MimeMessage toSend(MimeMessage message, String messageId) throws MessagingException {
        boolean savedAgainOnSend = Boolean.parseBoolean(getSession().getProperty(
                "mail." + getProtocol() + ".allow8bitmime"));
        return messageId != null && savedAgainOnSend ? new StableIdMessage(message, messageId) : message;
    }

    /**
     * A copy of a message that keeps the Message-ID it was given: {@code saveChanges()} calls
     * {@code updateMessageID()}, which would otherwise replace it with a random one.
     */
    static final class StableIdMessage extends MimeMessage {

        StableIdMessage(MimeMessage source, String messageId) throws MessagingException {
            super(source);
            setHeader(EmailMessages.MESSAGE_ID, messageId);
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            if (getHeader(EmailMessages.MESSAGE_ID, null) == null) {
                super.updateMessageID();
            }
        }
    }

    private Transport connection() throws MessagingException {
        Connection current = connections.get();
        if (current != null && current.usable()) {
            return current.transport();
        }
        close();
        Transport transport = getSession().getTransport(getProtocol());
        PasswordAuthentication login = getPasswordAuthentication();
        transport.connect(getHost(), getPort(), login.getUserName(), login.getPassword());
        connections.set(new Connection(transport));
        return transport;
    }

    /** Closes this thread's connection, if it has one. */
    void close() {
        Connection current = connections.get();
        connections.remove();
        if (current != null) {
            try {
                current.transport().close();
            } catch (MessagingException ignored) {
                // the connection is being dropped anyway
            }
        }
    }

    private void configure() {
        if (configured) {
            return;
        }
        synchronized (this) {
            if (configured) {
                return;
            }
            MailConfiguration endpoint = camel.getEndpoint(endpointUri, MailEndpoint.class).getConfiguration();
            setHost(endpoint.getHost());
            setPort(endpoint.getPort());
            setProtocol(endpoint.getProtocol());
            setUsername(endpoint.getUsername());
            setPassword(endpoint.getPassword());
            Properties properties = new Properties();
            if (endpoint.getJavaMailProperties() != null) {
                properties.putAll(endpoint.getJavaMailProperties());
            }
            tuning.forEach((key, value) -> properties.put(
                    key.toString().replace("mail.smtp.", "mail." + endpoint.getProtocol() + "."), value));
            if (endpoint.getAdditionalJavaMailProperties() != null) {
                properties.putAll(endpoint.getAdditionalJavaMailProperties());
            }
            setJavaMailProperties(properties);
            configured = true;
        }
    }

    private static final class Connection {

        private final Transport transport;
        private long lastUsed = System.currentTimeMillis();

        Connection(Transport transport) {
            this.transport = transport;
        }

        Transport transport() {
            return transport;
        }

        boolean usable() {
            return System.currentTimeMillis() - lastUsed < MAX_IDLE_MILLIS;
        }

        void touch() {
            lastUsed = System.currentTimeMillis();
        }
    }
}
