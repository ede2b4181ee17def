package io.herald.notify;

/**
 * A rendered notification on its way to a channel, as it travels on {@code herald.outbound.<channel>}.
 *
 * @param intakeAt when the event that caused it was taken in (epoch milliseconds), for latency figures
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
        long intakeAt) {

    /** The message of an attempt the log keeps, to publish again. */
    public static OutboundMessage of(Notification n, long intakeAt) {
        return new OutboundMessage(n.id(), n.type(), n.channel(), n.recipient(), n.locale(), n.subject(), n.bodyText(),
                n.bodyHtml(), intakeAt);
    }
}
