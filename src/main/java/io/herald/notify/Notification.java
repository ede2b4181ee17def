package io.herald.notify;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.OffsetDateTime;

/** One notification as the log keeps it: what was decided, rendered and, once handed to the channel, sent. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Notification(
        String id,
        String decisionId,
        String type,
        String channel,
        String state,
        String orderId,
        String carrier,
        String trackingNumber,
        String customerId,
        String locale,
        String recipient,
        String recipientZone,
        String subject,
        String bodyText,
        String bodyHtml,
        String providerId,
        String failureReason,
        String reason,
        OffsetDateTime eventOccurredAt,
        OffsetDateTime createdAt,
        OffsetDateTime sentAt) {
}
