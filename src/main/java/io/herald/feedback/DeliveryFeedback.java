package io.herald.feedback;

import io.herald.channel.DeliveryErrors;
import io.herald.channel.Masking;
import io.herald.decide.NotificationDecisions;
import io.herald.notify.Notification;
import io.herald.notify.NotificationLog;
import io.herald.notify.OutboundMessage;
import io.herald.notify.OutboundPublisher;
import io.herald.support.Names;
import io.herald.support.SqlFiles;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What providers report after the hand-off (docs/feedback.md): Twilio's status callbacks move an SMS attempt
 * ({@link ProviderStates}); a hard bounce or a complaint puts the email address on the suppression list and marks the
 * attempt UNDELIVERED. An attempt the provider gave up on is a critical alert's cue to fall back to the other channel,
 * through the decide stage's own fallback, once the alert is still current. Each report is one conditional update, so a
 * report that comes twice, late or on two instances at once moves the attempt and falls back once.
 */
@Component("deliveryFeedback")
public class DeliveryFeedback {

    /** What an email report says about the address. */
    public enum Kind { BOUNCE, COMPLAINT }

    private static final Logger LOG = LoggerFactory.getLogger(DeliveryFeedback.class);

    private final NamedParameterJdbcTemplate jdbc;
    private final SqlFiles sql;
    private final NotificationLog log;
    private final FallBack fallBack;
    private final TransactionTemplate transactions;
    private final OutboundPublisher publisher;
    private final MeterRegistry registry;
    private final Clock clock;

    /** The decide stage's fallback of a critical alert whose attempt the provider gave up on. */
    @FunctionalInterface
    interface FallBack {
        List<OutboundMessage> ifCurrent(String attemptId, String reason);
    }

    @org.springframework.beans.factory.annotation.Autowired
    public DeliveryFeedback(NamedParameterJdbcTemplate jdbc, SqlFiles sql, NotificationLog log,
                            NotificationDecisions decisions, TransactionTemplate transactions,
                            OutboundPublisher publisher, MeterRegistry registry, Clock clock) {
        this(jdbc, sql, log, decisions::fallBackIfCurrent, transactions, publisher, registry, clock);
    }

    DeliveryFeedback(NamedParameterJdbcTemplate jdbc, SqlFiles sql, NotificationLog log, FallBack fallBack,
                     TransactionTemplate transactions, OutboundPublisher publisher, MeterRegistry registry,
                     Clock clock) {
        this.jdbc = jdbc;
        this.sql = sql;
        this.log = log;
        this.fallBack = fallBack;
        this.transactions = transactions;
        this.publisher = publisher;
        this.registry = registry;
        this.clock = clock;
    }

    /**
     * Twilio's status callback for attempt {@code attemptId} (the {@code n} of the callback URL).
     *
     * @return the state the attempt moved to, or empty when the report moved nothing (an unknown attempt, a status
     *         that moves nothing, a late or repeated report)
     */
    public Optional<String> smsStatus(String attemptId, String messageStatus, String errorCode, String messageSid) {
        Optional<String> target = ProviderStates.ofTwilio(messageStatus);
        if (attemptId == null || target.isEmpty()) {
            return Optional.empty();
        }
        String reason = ProviderStates.failed(target.get())
                ? "Twilio " + (errorCode == null || errorCode.isBlank() ? "" : errorCode.strip() + " ")
                        + "(" + messageStatus.strip().toLowerCase(Locale.ROOT) + ")"
                : null;
        return move(attemptId, "sms", target.get(), reason, messageSid) ? target : Optional.empty();
    }

    /**
     * An email report (a delivery status notification, a relay's event) for the mail with this Message-ID: a hard
     * bounce or a complaint suppresses the attempt's address and marks the attempt UNDELIVERED.
     *
     * @param messageId the Message-ID Herald set, with or without its angle brackets
     * @param source    who reported it: {@code dsn}, {@code mailgun}
     * @return false when the Message-ID is not one of Herald's email attempts
     */
    public boolean emailReport(String messageId, Kind kind, String source, String detail) {
        Optional<String> attemptId = attemptId(messageId);
        Optional<Notification> attempt = attemptId.flatMap(log::findById).filter(n -> "email".equals(n.channel()));
        if (attempt.isEmpty() || attempt.get().recipient() == null || attempt.get().recipient().isBlank()) {
            count("herald.email.feedback", "kind", kind.name().toLowerCase(Locale.ROOT), "outcome", "unmatched");
            LOG.info("An email {} report ({}) names no attempt of Herald's; ignored", kind.name().toLowerCase(Locale.ROOT),
                    source);
            return false;
        }
        Notification n = attempt.get();
        suppress(n, kind, source, detail);
        String reason = (kind == Kind.BOUNCE ? "bounced" : "complaint") + " (" + source + ")"
                + (detail == null || detail.isBlank() ? "" : ": " + Masking.text(detail));
        // a complaint means the mail arrived: no fallback, the customer does not want it
        move(n.id(), "email", ProviderStates.UNDELIVERED, reason, null, kind == Kind.BOUNCE);
        return true;
    }

    /**
     * On the dead letter's way, once {@code deadLetters.record} has named the failed attempt: an email the SMTP relay
     * refused because its address has no mailbox ({@link DeliveryErrors#recipientRejected}: 550 5.1.1 and the like) is
     * a hard bounce told at once, and suppresses the address as a bounce report would (source {@code smtp}). The
     * attempt is FAILED and its fallback asked for by the dead letter's route itself; any other failure changes
     * nothing.
     */
    public void noteRejectedAddress(Exchange exchange) {
        String attemptId = exchange.getProperty(Names.Property.FAILED_NOTIFICATION, String.class);
        Optional<SMTPAddressFailedException> rejected = DeliveryErrors.recipientRejected(
                exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class));
        if (attemptId == null || rejected.isEmpty()) {
            return;
        }
        log.findById(attemptId).filter(n -> "email".equals(n.channel()))
                .filter(n -> n.recipient() != null && !n.recipient().isBlank())
                .ifPresent(n -> suppress(n, Kind.BOUNCE, "smtp", rejected.get().getMessage()));
    }

    /** Puts the attempt's address on the suppression list for this report, once however often it comes. */
    private void suppress(Notification n, Kind kind, String source, String detail) {
        try {
            jdbc.update(sql.get("feedback/insert-email-suppression"), new MapSqlParameterSource()
                    .addValue("address", n.recipient().strip().toLowerCase(Locale.ROOT))
                    .addValue("kind", kind.name())
                    .addValue("source", source)
                    .addValue("notificationId", n.id())
                    .addValue("detail", cut(Masking.text(detail), 500))
                    .addValue("now", now()));
            count("herald.email.feedback", "kind", kind.name().toLowerCase(Locale.ROOT), "outcome", "suppressed");
            LOG.info("Email attempt {}: {} reported by {}; its address is suppressed", n.id(),
                    kind.name().toLowerCase(Locale.ROOT), source);
        } catch (DuplicateKeyException again) {
            count("herald.email.feedback", "kind", kind.name().toLowerCase(Locale.ROOT), "outcome", "repeated");
        }
    }

    private boolean move(String attemptId, String channel, String state, String reason, String providerId) {
        return move(attemptId, channel, state, reason, providerId, true);
    }

    /** Moves the attempt, and falls back in the same transaction; publishes the fallback after the commit. */
    private boolean move(String attemptId, String channel, String state, String reason, String providerId,
                         boolean mayFallBack) {
        record Moved(boolean moved, List<OutboundMessage> fallback) {
        }
        Moved result = transactions.execute(tx -> {
            int rows = jdbc.update(sql.get("feedback/move-attempt-state"), new MapSqlParameterSource()
                    .addValue("id", attemptId)
                    .addValue("channel", channel)
                    .addValue("state", state)
                    .addValue("from", ProviderStates.movesFrom(state))
                    .addValue("reason", cut(reason, 1000))
                    .addValue("providerId", cut(providerId, 200))
                    .addValue("now", now()));
            if (rows == 0) {
                return new Moved(false, List.of());
            }
            return new Moved(true, mayFallBack && ProviderStates.failed(state)
                    ? fallBack.ifCurrent(attemptId, reason) : List.of());
        });
        if (!result.moved()) {
            return false;
        }
        count("herald.notifications.feedback", "channel", channel, "state", state);
        publisher.publish(result.fallback());
        return true;
    }

    /** The attempt id in Herald's Message-ID, {@code <attempt-id@domain>} (EmailMessages.messageId). */
    static Optional<String> attemptId(String messageId) {
        if (messageId == null) {
            return Optional.empty();
        }
        String id = messageId.strip();
        if (id.startsWith("<")) {
            id = id.substring(1);
        }
        if (id.endsWith(">")) {
            id = id.substring(0, id.length() - 1);
        }
        int at = id.lastIndexOf('@');
        if (at > 0) {
            id = id.substring(0, at);
        }
        return id.isEmpty() || id.length() > 36 ? Optional.empty() : Optional.of(id);
    }

    private void count(String name, String... tags) {
        Counter.builder(name).tags(tags).register(registry).increment();
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock.withZone(ZoneOffset.UTC));
    }

    private static String cut(String text, int length) {
        return text == null || text.length() <= length ? text : text.substring(0, length);
    }
}
