package io.herald.notify;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;

/** Attempts written straight into the notification log, for the tests of what reads and moves them. */
public final class LoggedAttempts {

    private LoggedAttempts() {
    }

    /** A DECIDED order confirmation of the channel to the recipient, on its own order, with this id. */
    public static String decided(NotificationLog log, String id, OffsetDateTime now, String channel, String recipient,
                                 String recipientZone, boolean optOutNotice) {
        log.insert(new MapSqlParameterSource()
                .addValue("id", id).addValue("decisionId", null).addValue("subjectKey", "order:SO-" + id)
                .addValue("type", "order_confirmed").addValue("channel", channel).addValue("orderId", "SO-" + id)
                .addValue("carrier", null).addValue("trackingNumber", null).addValue("customerId", "C-1")
                .addValue("locale", "en").addValue("recipient", recipient).addValue("recipientZone", recipientZone)
                .addValue("subject", "Your order is confirmed").addValue("bodyText", "Confirmed")
                .addValue("bodyHtml", null).addValue("segments", null).addValue("optOutNotice", optOutNotice)
                .addValue("eventOccurredAt", null).addValue("now", now));
        return id;
    }

    /** A DECIDED order confirmation of the channel to the recipient, now. */
    public static String decided(NotificationLog log, String channel, String recipient) {
        return decided(log, UUID.randomUUID().toString(), OffsetDateTime.now(ZoneOffset.UTC), channel, recipient,
                null, false);
    }

    /** The same, claimed and handed off: SENT. */
    public static String sent(NotificationLog log, String channel, String recipient) {
        String id = decided(log, channel, recipient);
        log.claim(id);
        log.markSent(id, channel, null, 0);
        return id;
    }
}
