package io.herald.normalize;

import io.herald.canonical.CanonicalEvent;
import io.herald.canonical.Customer;
import io.herald.canonical.Order;
import io.herald.canonical.Shipment;
import java.util.regex.Pattern;

/** Checks that a mapped event has what the rest of Herald relies on. */
final class EventValidator {

    private static final Pattern CARRIER = Pattern.compile("[a-z0-9][a-z0-9-]{0,31}");
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
    /** The widths of the columns these values are stored in (db/h2 and db/postgresql). */
    private static final int MAX_ID = 100;
    private static final int MAX_TRACKING_NUMBER = 64;
    /** DECIMAL(19, 4) holds 15 digits before the point. */
    private static final java.math.BigDecimal MAX_TOTAL = java.math.BigDecimal.TEN.pow(15);

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
        require(shipment.trackingNumber().length() <= MAX_TRACKING_NUMBER,
                at + "shipment.trackingNumber is longer than " + MAX_TRACKING_NUMBER + " characters");
        require(fits(shipment.orderId(), MAX_ID), at + "shipment.orderId is longer than " + MAX_ID + " characters");
        require(hasText(shipment.carrier()), at + "shipment.carrier is missing");
        require(CARRIER.matcher(shipment.carrier()).matches(), at + "shipment.carrier must be a lowercase slug");
        require(shipment.status() != null, at + "shipment.status is missing");
    }

    private static void order(Order order, String at, boolean subject) {
        require(hasText(order.orderId()), at + "order.orderId is missing");
        require(fits(order.orderId(), MAX_ID), at + "order.orderId is longer than " + MAX_ID + " characters");
        require(fits(order.customerId(), MAX_ID), at + "order.customerId is longer than " + MAX_ID + " characters");
        require(order.currency() == null || CURRENCY.matcher(order.currency()).matches(),
                at + "order.currency must be an ISO 4217 code");
        require(order.total() == null || order.total().abs().compareTo(MAX_TOTAL) < 0,
                at + "order.total is out of range");
        if (subject) {
            require(order.status() != null, at + "order.status is missing");
        }
    }

    private static void customer(Customer customer, String at) {
        // phone and email have passed the quality gates (QualityGates) by now
        require(hasText(customer.customerId()), at + "customer.customerId is missing");
        require(fits(customer.customerId(), MAX_ID),
                at + "customer.customerId is longer than " + MAX_ID + " characters");
    }

    private static boolean fits(String value, int max) {
        return value == null || value.length() <= max;
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
