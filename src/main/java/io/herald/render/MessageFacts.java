package io.herald.render;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/** Everything a message may say; null where unknown. The renderer formats times in the recipient's zone. */
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
