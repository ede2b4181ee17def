package io.herald.canonical;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.OffsetDateTime;

/**
 * @param carrier lowercase slug: {@code ups}, {@code fedex}, {@code usps}, {@code dhl}, ...
 * @param orderId the order this shipment fulfils, when the source knows it
 * @param destination where it goes, when the source says; not part of the event's fingerprint
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Shipment(
        String trackingNumber,
        String carrier,
        ShipmentStatus status,
        ExceptionReason exceptionReason,
        OffsetDateTime estimatedDelivery,
        String location,
        String statusText,
        String orderId,
        Destination destination) {
}
