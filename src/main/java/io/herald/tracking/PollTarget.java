package io.herald.tracking;

import java.time.OffsetDateTime;

/**
 * A shipment taken for one poll.
 *
 * @param carrier             the carrier id, which is also the source id of its mapping
 * @param trackingNumber      the number asked about
 * @param status              its stored status when it was taken
 * @param estimatedDelivery   its stored estimated delivery, or null
 * @param consecutiveFailures failed polls in a row before this one
 */
public record PollTarget(String carrier, String trackingNumber, String status, OffsetDateTime estimatedDelivery,
                         int consecutiveFailures) {
}
