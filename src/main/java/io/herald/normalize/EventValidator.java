package io.herald.normalize;

import io.herald.canonical.CanonicalEvent;
import io.herald.canonical.Customer;
import io.herald.canonical.Order;
import io.herald.canonical.Shipment;
import java.util.regex.Pattern;

/** Checks that a mapped event has what the rest of Herald relies on. */
final class EventValidator {

    private static final Pattern CARRIER = Pattern.compile("[a-z0-9][a-z0-9-]{0,31}");

    void validate(CanonicalEvent event, int index) {
        String at = "Event " + index + ": ";
        require(event.type() != null, at + "type is missing");
        require(event.occurredAt() != null, at + "occurredAt is missing");
        switch (event.type()) {
            case SHIPMENT -> require(event.shipment() != null, at + "the shipment section is missing");
            case ORDER -> require(event.order() != null, at + "the order section is missing");
            case CUSTOMER -> require(event.customer() != null, at + "the customer section is missing");
        }
        if (event.shipment() != null) {
            shipment(event.shipment(), at);
        }
        if (event.order() != null) {
            order(event.order(), at, event.type() == io.herald.canonical.EventType.ORDER);
        }
        if (event.customer() != null) {
            customer(event.customer(), at);
        }
    }

    private static void shipment(Shipment shipment, String at) {
        require(hasText(shipment.trackingNumber()), at + "shipment.trackingNumber is missing");
        require(hasText(shipment.carrier()), at + "shipment.carrier is missing");
        require(CARRIER.matcher(shipment.carrier()).matches(), at + "shipment.carrier must be a lowercase slug");
        require(shipment.status() != null, at + "shipment.status is missing");
    }

    private static void order(Order order, String at, boolean subject) {
        require(hasText(order.orderId()), at + "order.orderId is missing");
        if (subject) {
            require(order.status() != null, at + "order.status is missing");
        }
    }

    private static void customer(Customer customer, String at) {
        // phone and email have passed the quality gates (QualityGates) by now
        require(hasText(customer.customerId()), at + "customer.customerId is missing");
    }

    private static boolean hasText(String value) {
        return value != null && !value.isBlank();
    }

    private static void require(boolean condition, String detail) {
        if (!condition) {
            throw new IntakeRejectedException(RejectReason.INVALID_EVENT, detail);
        }
    }
}
