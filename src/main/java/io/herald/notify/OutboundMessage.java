package io.herald.notify;

/**
 * A rendered notification on its way to a channel, as it travels on {@code herald.outbound.<channel>}.
 *
 * @param intakeAt when the event that caused it was taken in (epoch milliseconds), for latency figures
 * @param zone     the recipient's zone (an IANA id), in which the channel keeps the quiet hours at the hand-off; null
 *                 in a message published before it was carried, which the channel hands over as it comes
 */
public record OutboundMessage(
        String notificationId,
        String type,
        String channel,
        String recipient,
        String locale,
        String subject,
        String bodyText,
        String bodyHtml,
        long intakeAt,
        String zone) {

    /** The message of an attempt the log keeps, to publish again. */
    public static OutboundMessage of(Notification n, long intakeAt) {
        return new OutboundMessage(n.id(), n.type(), n.channel(), n.recipient(), n.locale(), n.subject(), n.bodyText(),
                n.bodyHtml(), intakeAt, n.recipientZone());
    }
}
