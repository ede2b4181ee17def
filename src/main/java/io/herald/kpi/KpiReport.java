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
 * @param emailFeedback       hard bounces and complaints reported in the window, and the addresses they suppressed
 */
record KpiReport(Instant from, Instant to, Map<String, Map<String, Long>> notifications, Delivery delivery,
                 TimeToFirstUpdate timeToFirstUpdate, MessagesPerShipment messagesPerShipment,
                 Map<String, Map<String, Long>> notSent, OptOuts optOuts, EmailFeedback emailFeedback) {

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

    /** One per address and attempt reported (docs/feedback.md); {@code suppressions} are addresses new to the list. */
    record EmailFeedback(long bounces, long complaints, long suppressions) {
    }
}
