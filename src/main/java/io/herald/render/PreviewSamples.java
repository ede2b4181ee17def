package io.herald.render;

import io.herald.canonical.CanonicalEvent;
import io.herald.canonical.Customer;
import io.herald.canonical.Order;
import io.herald.canonical.Shipment;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The built-in samples of the preview API, one per notification type, and how a given canonical event replaces a
 * sample's values. Fixed dates, so that a preview reads the same on any day: the sample parcel was expected on
 * Monday 2 March 2026 and now comes on Tuesday 3 March.
 */
final class PreviewSamples {

    /** The 12 notification types of DESIGN.md. */
    static final Set<String> TYPES = Set.of("order_confirmed", "payment_issue", "order_cancelled", "shipped",
            "out_for_delivery", "available_for_pickup", "delivered", "returned", "attempt_failed", "delayed",
            "eta_changed", "stalled");

    static final ZoneId ZONE = ZoneId.of("Europe/Berlin");

    private static final OffsetDateTime OCCURRED = OffsetDateTime.parse("2026-03-01T09:30:00+01:00");
    private static final OffsetDateTime PREVIOUS_ETA = OffsetDateTime.parse("2026-03-02T18:00:00+01:00");
    private static final OffsetDateTime ETA = OffsetDateTime.parse("2026-03-03T18:00:00+01:00");

    private PreviewSamples() {
    }

    /** A sample with every value the type may show. */
    static MessageFacts of(String type) {
        boolean shipment = !Set.of("order_confirmed", "payment_issue", "order_cancelled").contains(type);
        String status = switch (type) {
            case "out_for_delivery" -> "OUT_FOR_DELIVERY";
            case "available_for_pickup" -> "AVAILABLE_FOR_PICKUP";
            case "delivered" -> "DELIVERED";
            case "returned" -> "RETURNED";
            case "attempt_failed" -> "ATTEMPT_FAILED";
            case "delayed" -> "EXCEPTION";
            default -> shipment ? "IN_TRANSIT" : null;
        };
        String reason = switch (type) {
            case "delayed" -> "WEATHER";
            case "attempt_failed" -> "RECIPIENT_UNAVAILABLE";
            default -> null;
        };
        List<Map<String, Object>> items = List.of(Map.of("sku", "MUG-01", "name", "Enamel mug", "quantity", 2),
                Map.of("sku", "TEA-07", "name", "Loose-leaf tea", "quantity", 1));
        return new MessageFacts(type, "SO-1001", "Ada Lovelace", new BigDecimal("42.50"), "EUR", items,
                shipment ? "ups" : null, shipment ? "1Z999AA10123456784" : null, status,
                shipment ? "Departed from facility" : null, shipment ? "Leipzig, DE" : null,
                shipment ? ETA : null, "eta_changed".equals(type) ? PREVIOUS_ETA : null, reason,
                "available_for_pickup".equals(type) ? "UPS Access Point, Hainstraße 12, 04109 Leipzig" : null,
                OCCURRED);
    }

    /** The sample of this type, with every value that the event carries in its place. */
    static MessageFacts from(String type, CanonicalEvent event) {
        MessageFacts sample = of(type);
        Order order = event.order();
        Shipment shipment = event.shipment();
        Customer customer = event.customer();
        String orderId = order != null ? order.orderId() : shipment != null ? shipment.orderId() : null;
        String location = shipment == null ? null : shipment.location();
        return new MessageFacts(type,
                or(orderId, sample.orderId()),
                or(customer == null ? null : customer.name(), sample.customerName()),
                or(order == null ? null : order.total(), sample.orderTotal()),
                or(order == null ? null : order.currency(), sample.currency()),
                order == null || order.items() == null ? sample.items() : items(order.items()),
                or(shipment == null ? null : shipment.carrier(), sample.carrier()),
                or(shipment == null ? null : shipment.trackingNumber(), sample.trackingNumber()),
                or(shipment == null || shipment.status() == null ? null : shipment.status().name(), sample.status()),
                or(shipment == null ? null : shipment.statusText(), sample.statusText()),
                or(location, sample.location()),
                or(shipment == null ? null : shipment.estimatedDelivery(), sample.estimatedDelivery()),
                sample.previousEstimatedDelivery(),
                or(shipment == null || shipment.exceptionReason() == null ? null : shipment.exceptionReason().name(),
                        sample.exceptionReason()),
                "available_for_pickup".equals(type) ? or(location, sample.pickupLocation()) : null,
                or(event.occurredAt(), sample.occurredAt()));
    }

    /** The event's customer's zone, else the samples' one. */
    static ZoneId zoneOf(CanonicalEvent event) {
        String zone = event == null || event.customer() == null ? null : event.customer().timezone();
        try {
            return zone == null ? ZONE : ZoneId.of(zone);
        } catch (DateTimeException unknown) {
            return ZONE;
        }
    }

    private static List<Map<String, Object>> items(List<Order.OrderItem> items) {
        return items.stream().map(item -> {
            Map<String, Object> map = new LinkedHashMap<>();
            if (item.sku() != null) {
                map.put("sku", item.sku());
            }
            if (item.name() != null) {
                map.put("name", item.name());
            }
            if (item.quantity() != null) {
                map.put("quantity", item.quantity());
            }
            return Map.copyOf(map);
        }).toList();
    }

    private static <T> T or(T value, T fallback) {
        return Objects.requireNonNullElse(value, fallback);
    }
}
