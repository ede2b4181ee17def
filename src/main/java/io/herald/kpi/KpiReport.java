package io.herald.kpi;

import java.time.Instant;
import java.util.Map;

/**
 * The figures of {@code GET /api/v1/kpis} for the window [from, to), all counted in SQL from the notification log
 * (docs/operations.md, "KPIs").
 *
 * @param notifications       channel attempts created in the window, by state and channel
 * @param delivery            attempts against sent, or against delivered where the channel has callbacks
 * @param timeToFirstUpdate   from an order's first event to its first notification sent
 * @param messagesPerShipment attempts sent per tracking number
 * @param notSent             decisions created in the window that are suppressed, superseded, deferred or dropped,
 *                            by state and reason ({@code none} when the decision gives none)
 * @param optOuts             SMS STOPs and email unsubscribes made in the window
 * @param email               of the emails sent in the window, how many were opened and clicked, and the
 *                            unsubscribes, by type
 * @param emailFeedback       hard bounces and complaints reported in the window, and the addresses they suppressed
 * @param smsFeedback         Twilio's refusals of a number reported in the window, and the numbers they suppressed
 * @param smsReplies          SMS customers sent Herald in the window, Herald's answers, and the keywords used
 *                            (docs/sms.md)
 * @param optOutRates         the customers' own opt-outs made in the window by channel and type ({@code all}: a whole
 *                            channel), against the messages of that channel and type sent in the window
 */
record KpiReport(Instant from, Instant to, Map<String, Map<String, Long>> notifications, Delivery delivery,
                 TimeToFirstUpdate timeToFirstUpdate, MessagesPerShipment messagesPerShipment,
                 Map<String, Map<String, Long>> notSent, OptOuts optOuts, EmailEngagement email,
                 EmailFeedback emailFeedback, SmsFeedback smsFeedback, io.herald.sms.SmsConversations.Usage smsReplies,
                 Map<String, Map<String, OptOutRate>> optOutRates) {

    /** Opt-outs of one channel and type, over the messages of that channel and type sent; null when none was sent. */
    record OptOutRate(long optOuts, long sent, Double rate) {
    }

    /**
     * @param rate      reached / attempted, null without attempts
     * @param byChannel the same per channel; {@code basis} says whether it counts {@code delivered} or {@code sent}
     */
    record Delivery(long attempted, long sent, long delivered, long reached, Double rate,
                    Map<String, ChannelDelivery> byChannel) {
    }

    record ChannelDelivery(long attempted, long sent, long delivered, String basis, Double rate) {
    }

    /** Seconds; the p95 is the nearest rank. Both null when no order had a notification sent in the window. */
    record TimeToFirstUpdate(long orders, Double meanSeconds, Double p95Seconds) {
    }

    record MessagesPerShipment(long messages, long shipments, Double mean) {
    }

    record OptOuts(long sms, long email) {
    }

    /**
     * Opens and clicks of the email attempts sent in the window, and email unsubscribes, in all and by type. Opens
     * overcount (Apple Mail and some gateways load every pixel) and are zero while {@code herald.tracking.opens} is
     * off; clicks are the firmer figure, reported beside them.
     *
     * @param sent   email attempts sent in the window (SENT, DELIVERED or UNDELIVERED now)
     * @param byType the same per type; its unsubscribes count each for the type of the last email the customer was
     *               sent before it
     */
    record EmailEngagement(long sent, long opened, long clicked, long optOuts, Double openRate, Double clickRate,
                           Double optOutRate, Map<String, TypeEngagement> byType) {
    }

    /** One type's figures: rates are of {@code sent}, null when none was sent. */
    record TypeEngagement(long sent, long opened, long clicked, long optOuts, Double openRate, Double clickRate,
                          Double optOutRate) {
    }

    /** One per address and attempt reported (docs/feedback.md); {@code suppressions} are addresses new to the list. */
    record EmailFeedback(long bounces, long complaints, long suppressions) {
    }

    /** One per number and attempt refused (docs/sms.md); {@code suppressions} are numbers new to the list. */
    record SmsFeedback(long refusals, long suppressions) {
    }
}
