package io.herald.canonical;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.OffsetDateTime;

/**
 * One fact about a shipment, an order or a customer, in Herald's canonical form.
 * An event carries the section named by {@code type} and may carry the others as context: a shipment event
 * names its order, an order event names its customer.
 *
 * @param type        which section is the subject of the event
 * @param source      the source id that produced it
 * @param occurredAt  when the source says it happened, always with an offset
 * @param fingerprint a stable hash of what the event says, used to drop duplicates; set by the normalizer
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CanonicalEvent(
        EventType type,
        String source,
        OffsetDateTime occurredAt,
        String fingerprint,
        Shipment shipment,
        Order order,
        Customer customer) {

    public CanonicalEvent withFingerprint(String value) {
        return new CanonicalEvent(type, source, occurredAt, value, shipment, order, customer);
    }

    /** The Kafka key: the shipment's tracking number, else the order id, else the customer id. */
    public String partitionKey() {
        return switch (type) {
            case SHIPMENT -> shipment.carrier() + ":" + shipment.trackingNumber();
            case ORDER -> "order:" + order.orderId();
            case CUSTOMER -> "customer:" + customer.customerId();
        };
    }
}
