package io.herald.render;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * Everything a message may say; null where unknown. Times are instants with offset; the renderer formats them in the
 * recipient's zone and language.
 *
 * @param type                      one of the 12 notification types of DESIGN.md
 * @param customerName              full name or null
 * @param items                     {@code [{sku, name, quantity}]}
 * @param previousEstimatedDelivery for {@code eta_changed}: earlier or later is derived from the two
 * @param exceptionReason           an {@link io.herald.canonical.ExceptionReason} name, or null
 * @param pickupLocation            for {@code available_for_pickup}
 */
public record MessageFacts(
        String type,
        String orderId,
        String customerName,
        BigDecimal orderTotal, String currency,
        List<Map<String, Object>> items,
        String carrier, String trackingNumber,
        String status, String statusText, String location,
        OffsetDateTime estimatedDelivery,
        OffsetDateTime previousEstimatedDelivery,
        String exceptionReason,
        String pickupLocation,
        OffsetDateTime occurredAt) {
}
