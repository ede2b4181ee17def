package io.herald.normalize;

import io.herald.canonical.CanonicalEvent;
import io.herald.canonical.Customer;
import io.herald.canonical.Order;
import io.herald.canonical.Shipment;
import io.herald.canonical.ShipmentStatus;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The fingerprint of an event: a SHA-256 of a canonical form of the fields that define it, not of who said it, how it
 * was worded, or when it arrived. The canonical form is one {@code name=value} line per field that has a value, sorted
 * by name, each value escaped, with instants in UTC ISO form and amounts without trailing zeros ({@code 300},
 * {@code 300.0} and {@code 300.00} are one amount). It never depends on a record's {@code toString()}.
 *
 * <ul>
 * <li>Shipment: carrier, tracking number (trimmed, upper-cased), status, exception reason, occurredAt, estimated
 * delivery and order id; not its status text, location, destination or source. The same scan from a webhook, a poll
 * and an aggregator, worded three ways, one of them naming where it goes, has one fingerprint.</li>
 * <li>Order: order id, status, customer id, total, currency, items (sorted), occurredAt.</li>
 * <li>Customer: customer id, name, email (lower-cased), phone, locale, timezone, channel preference, occurredAt.</li>
 * </ul>
 * Every section an event carries counts, so an order event's customer details are part of it: the same order resent
 * with a corrected email is a new event.
 *
 * <p>A shipment event with status {@code UNKNOWN} is hashed without its time, and with its status text instead. Such
 * events are mostly a carrier's "no such number (yet)", which has no time of its own: mappings stamp it with the time
 * of the answer, so every poll or resend would otherwise make a new timeline row. An UNKNOWN event never changes a
 * known status or notifies anyone, so folding two of them that say the same is harmless; its text is what tells two
 * such answers apart.
 */
final class Fingerprints {

    private Fingerprints() {
    }

    static String of(CanonicalEvent event) {
        return sha256(canonicalForm(event));
    }

    /** The text that is hashed; visible to the tests. */
    static String canonicalForm(CanonicalEvent event) {
        Map<String, String> fields = new TreeMap<>();
        boolean timeless = event.shipment() != null && event.shipment().status() == ShipmentStatus.UNKNOWN;
        put(fields, "type", event.type());
        put(fields, "occurredAt", timeless ? null : instant(event.occurredAt()));
        if (event.shipment() != null) {
            shipment(fields, event.shipment(), timeless);
        }
        if (event.order() != null) {
            order(fields, event.order());
        }
        if (event.customer() != null) {
            customer(fields, event.customer());
        }
        StringBuilder text = new StringBuilder();
        fields.forEach((name, value) -> text.append(name).append('=').append(escape(value)).append('\n'));
        return text.toString();
    }

    private static void shipment(Map<String, String> fields, Shipment s, boolean timeless) {
        put(fields, "shipment.carrier", lower(s.carrier()));
        put(fields, "shipment.trackingNumber", s.trackingNumber() == null ? null
                : s.trackingNumber().trim().toUpperCase(Locale.ROOT));
        put(fields, "shipment.status", s.status());
        put(fields, "shipment.exceptionReason", s.exceptionReason());
        put(fields, "shipment.estimatedDelivery", instant(s.estimatedDelivery()));
        put(fields, "shipment.orderId", trim(s.orderId()));
        if (timeless) {
            put(fields, "shipment.statusText", trim(s.statusText()));
        }
    }

    private static void order(Map<String, String> fields, Order o) {
        put(fields, "order.orderId", trim(o.orderId()));
        put(fields, "order.status", o.status());
        put(fields, "order.customerId", trim(o.customerId()));
        put(fields, "order.total", amount(o.total()));
        put(fields, "order.currency", o.currency() == null ? null : o.currency().trim().toUpperCase(Locale.ROOT));
        if (o.items() != null) {
            List<String> items = o.items().stream()
                    .map(item -> item == null ? "" : escape(trim(item.sku())) + ';' + escape(trim(item.name())) + ';'
                            + (item.quantity() == null ? "" : item.quantity()))
                    .sorted()
                    .toList();
            put(fields, "order.items", String.join("|", items));
        }
    }

    private static void customer(Map<String, String> fields, Customer c) {
        put(fields, "customer.customerId", trim(c.customerId()));
        put(fields, "customer.name", trim(c.name()));
        put(fields, "customer.email", lower(c.email()));
        put(fields, "customer.phone", trim(c.phone()));
        put(fields, "customer.locale", trim(c.locale()));
        put(fields, "customer.timezone", trim(c.timezone()));
        put(fields, "customer.channelPreference", c.channelPreference());
    }

    private static void put(Map<String, String> fields, String name, Object value) {
        if (value != null) {
            fields.put(name, value.toString());
        }
    }

    private static String instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant().toString();
    }

    private static String amount(BigDecimal value) {
        return value == null ? null : value.stripTrailingZeros().toPlainString();
    }

    private static String trim(String value) {
        return value == null ? null : value.trim();
    }

    private static String lower(String value) {
        return value == null ? null : value.trim().toLowerCase(Locale.ROOT);
    }

    /** Backslash, line break, '=', ';' and '|' escaped, so no value can pass for another field or item. */
    private static String escape(String value) {
        if (value == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(value.length());
        for (char c : value.toCharArray()) {
            switch (c) {
                case '\\', '=', ';', '|' -> out.append('\\').append(c);
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
