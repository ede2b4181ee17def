package io.herald.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import io.herald.canonical.CanonicalEvent;
import io.herald.canonical.ChannelPreference;
import io.herald.canonical.Customer;
import io.herald.canonical.Destination;
import io.herald.canonical.EventType;
import io.herald.canonical.ExceptionReason;
import io.herald.canonical.Order;
import io.herald.canonical.Order.OrderItem;
import io.herald.canonical.OrderStatus;
import io.herald.canonical.Shipment;
import io.herald.canonical.ShipmentStatus;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class FingerprintsTest {

    private static final OffsetDateTime FIRST = OffsetDateTime.parse("2026-11-22T08:00:00Z");
    private static final OffsetDateTime LATER = FIRST.plusHours(12);
    private static final OffsetDateTime ETA = OffsetDateTime.parse("2026-11-24T00:00:00Z");

    @Test
    void carrierNotFoundAnswerStampedAtTwoTimesIsOneEvent() {
        assertThat(Fingerprints.of(scan(ShipmentStatus.UNKNOWN, "Tracking number not found", FIRST)))
                .isEqualTo(Fingerprints.of(scan(ShipmentStatus.UNKNOWN, "Tracking number not found", LATER)));
    }

    @Test
    void unknownAnswersThatSayDifferentThingsStayApart() {
        assertThat(Fingerprints.of(scan(ShipmentStatus.UNKNOWN, "Tracking number not found", FIRST)))
                .isNotEqualTo(Fingerprints.of(scan(ShipmentStatus.UNKNOWN, "Code ZZ", FIRST)));
    }

    @Test
    void knownScansAtTwoTimesAreTwoEvents() {
        assertThat(Fingerprints.of(scan(ShipmentStatus.IN_TRANSIT, "Departed facility", FIRST)))
                .isNotEqualTo(Fingerprints.of(scan(ShipmentStatus.IN_TRANSIT, "Departed facility", LATER)));
    }

    @Test
    void sameScanFromWebhookPollAndAggregatorWordedDifferentlyHasOneFingerprint() {
        CanonicalEvent webhook = new CanonicalEvent(EventType.SHIPMENT, "ups-track-alert", FIRST, null,
                new Shipment("1Z999AA10123456784", "ups", ShipmentStatus.EXCEPTION, ExceptionReason.WEATHER, ETA,
                        "Louisville, KY, US", "Severe weather conditions have delayed delivery.", "SO-1", null),
                null, null);
        CanonicalEvent poll = new CanonicalEvent(EventType.SHIPMENT, "ups",
                OffsetDateTime.parse("2026-11-22T03:00:00-05:00"), "an old fingerprint",
                new Shipment(" 1z999aa10123456784 ", "ups", ShipmentStatus.EXCEPTION, ExceptionReason.WEATHER,
                        OffsetDateTime.parse("2026-11-23T19:00:00-05:00"), "LOUISVILLE KY",
                        "Weather delay", "SO-1", null), null, null);
        CanonicalEvent aggregator = new CanonicalEvent(EventType.SHIPMENT, "aftership", FIRST, null,
                new Shipment("1Z999AA10123456784", "ups", ShipmentStatus.EXCEPTION, ExceptionReason.WEATHER, ETA,
                        null, null, "SO-1", null), null, null);

        assertThat(Fingerprints.of(poll)).isEqualTo(Fingerprints.of(webhook));
        assertThat(Fingerprints.of(aggregator)).isEqualTo(Fingerprints.of(webhook));
    }

    @Test
    void sameScanWithAndWithoutADestinationIsOneEvent() {
        CanonicalEvent carrier = new CanonicalEvent(EventType.SHIPMENT, "ups", FIRST, null,
                new Shipment("1Z999AA10123456784", "ups", ShipmentStatus.IN_TRANSIT, null, ETA, "Louisville, KY, US",
                        "Departed from facility", "SO-1",
                        new Destination("US", "CA", "90012", "Los Angeles", "America/Los_Angeles")), null, null);
        CanonicalEvent aggregator = new CanonicalEvent(EventType.SHIPMENT, "aftership", FIRST, null,
                new Shipment("1Z999AA10123456784", "ups", ShipmentStatus.IN_TRANSIT, null, ETA, null, null, "SO-1",
                        null), null, null);

        assertThat(Fingerprints.canonicalForm(carrier)).doesNotContain("destination").doesNotContain("Los");
        assertThat(Fingerprints.of(carrier)).isEqualTo(Fingerprints.of(aggregator));
    }

    @Test
    void shipmentScansDifferingInADefiningFieldHaveDifferentFingerprints() {
        Shipment base = new Shipment("1Z999AA10123456784", "ups", ShipmentStatus.EXCEPTION, ExceptionReason.WEATHER,
                ETA, null, null, "SO-1", null);
        String fingerprint = Fingerprints.of(shipmentEvent(base, FIRST));

        assertThat(List.of(
                shipmentEvent(base, FIRST.plusSeconds(1)),
                shipmentEvent(new Shipment("1Z999AA10123456785", "ups", ShipmentStatus.EXCEPTION,
                        ExceptionReason.WEATHER, ETA, null, null, "SO-1", null), FIRST),
                shipmentEvent(new Shipment("1Z999AA10123456784", "fedex", ShipmentStatus.EXCEPTION,
                        ExceptionReason.WEATHER, ETA, null, null, "SO-1", null), FIRST),
                shipmentEvent(new Shipment("1Z999AA10123456784", "ups", ShipmentStatus.ATTEMPT_FAILED,
                        ExceptionReason.WEATHER, ETA, null, null, "SO-1", null), FIRST),
                shipmentEvent(new Shipment("1Z999AA10123456784", "ups", ShipmentStatus.EXCEPTION,
                        ExceptionReason.ADDRESS, ETA, null, null, "SO-1", null), FIRST),
                shipmentEvent(new Shipment("1Z999AA10123456784", "ups", ShipmentStatus.EXCEPTION,
                        ExceptionReason.WEATHER, ETA.plusDays(1), null, null, "SO-1", null), FIRST),
                shipmentEvent(new Shipment("1Z999AA10123456784", "ups", ShipmentStatus.EXCEPTION,
                        ExceptionReason.WEATHER, null, null, null, "SO-1", null), FIRST),
                shipmentEvent(new Shipment("1Z999AA10123456784", "ups", ShipmentStatus.EXCEPTION,
                        ExceptionReason.WEATHER, ETA, null, null, "SO-2", null), FIRST)))
                .extracting(Fingerprints::of)
                .doesNotContain(fingerprint)
                .doesNotHaveDuplicates();
    }

    @Test
    void orderEventsDifferingOnlyInNumberFormattingItemOrderOrSourceHaveOneFingerprint() {
        CanonicalEvent oms = orderEvent("oms", FIRST, new BigDecimal("300"), "EUR",
                List.of(new OrderItem("SKU-1", "Mug", 2), new OrderItem("SKU-2", "Plate", 1)));
        CanonicalEvent shop = orderEvent("shopify-order", OffsetDateTime.parse("2026-11-22T09:00:00+01:00"),
                new BigDecimal("300.00"), "eur",
                List.of(new OrderItem("SKU-2", "Plate", 1), new OrderItem("SKU-1", "Mug", 2)));
        CanonicalEvent erp = orderEvent("erp-orders", FIRST, new BigDecimal("3.0E+2"), "EUR",
                List.of(new OrderItem("SKU-1", "Mug", 2), new OrderItem("SKU-2", "Plate", 1)));

        assertThat(Fingerprints.of(shop)).isEqualTo(Fingerprints.of(oms));
        assertThat(Fingerprints.of(erp)).isEqualTo(Fingerprints.of(oms));
    }

    @Test
    void orderEventsDifferingInADefiningFieldHaveDifferentFingerprints() {
        List<OrderItem> items = List.of(new OrderItem("SKU-1", "Mug", 2));
        String fingerprint = Fingerprints.of(orderEvent("oms", FIRST, new BigDecimal("300"), "EUR", items));

        assertThat(List.of(
                orderEvent("oms", LATER, new BigDecimal("300"), "EUR", items),
                orderEvent("oms", FIRST, new BigDecimal("300.01"), "EUR", items),
                orderEvent("oms", FIRST, new BigDecimal("30"), "EUR", items),
                orderEvent("oms", FIRST, new BigDecimal("300"), "USD", items),
                orderEvent("oms", FIRST, new BigDecimal("300"), "EUR", List.of(new OrderItem("SKU-1", "Mug", 3))),
                new CanonicalEvent(EventType.ORDER, "oms", FIRST, null, null,
                        new Order("SO-1", OrderStatus.PAID, "C-1", new BigDecimal("300"), "EUR", items), null),
                new CanonicalEvent(EventType.ORDER, "oms", FIRST, null, null,
                        new Order("SO-1", OrderStatus.PLACED, "C-2", new BigDecimal("300"), "EUR", items), null),
                new CanonicalEvent(EventType.ORDER, "oms", FIRST, null, null,
                        new Order("SO-9", OrderStatus.PLACED, "C-1", new BigDecimal("300"), "EUR", items), null)))
                .extracting(Fingerprints::of)
                .doesNotContain(fingerprint)
                .doesNotHaveDuplicates();
    }

    @Test
    void customerEventsDifferingOnlyInEmailCaseOrSourceHaveOneFingerprint() {
        CanonicalEvent crm = customerEvent("crm", new Customer("C-1", "Ada Lovelace", "Ada@Example.com",
                "+4915112345678", "de-DE", "Europe/Berlin", ChannelPreference.BOTH));
        CanonicalEvent oms = customerEvent("oms", new Customer("C-1", "Ada Lovelace", "ada@example.com",
                "+4915112345678", "de-DE", "Europe/Berlin", ChannelPreference.BOTH));

        assertThat(Fingerprints.of(oms)).isEqualTo(Fingerprints.of(crm));
    }

    @Test
    void customerEventsDifferingInADefiningFieldHaveDifferentFingerprints() {
        Customer base = new Customer("C-1", "Ada Lovelace", "ada@example.com", "+4915112345678", "de-DE",
                "Europe/Berlin", ChannelPreference.BOTH);
        String fingerprint = Fingerprints.of(customerEvent("crm", base));

        assertThat(List.of(
                customerEvent("crm", new Customer("C-2", "Ada Lovelace", "ada@example.com", "+4915112345678",
                        "de-DE", "Europe/Berlin", ChannelPreference.BOTH)),
                customerEvent("crm", new Customer("C-1", "Ada King", "ada@example.com", "+4915112345678",
                        "de-DE", "Europe/Berlin", ChannelPreference.BOTH)),
                customerEvent("crm", new Customer("C-1", "Ada Lovelace", "ada@example.org", "+4915112345678",
                        "de-DE", "Europe/Berlin", ChannelPreference.BOTH)),
                customerEvent("crm", new Customer("C-1", "Ada Lovelace", "ada@example.com", "+4915112345679",
                        "de-DE", "Europe/Berlin", ChannelPreference.BOTH)),
                customerEvent("crm", new Customer("C-1", "Ada Lovelace", "ada@example.com", "+4915112345678",
                        "en", "Europe/Berlin", ChannelPreference.BOTH)),
                customerEvent("crm", new Customer("C-1", "Ada Lovelace", "ada@example.com", "+4915112345678",
                        "de-DE", "Europe/Vienna", ChannelPreference.BOTH)),
                customerEvent("crm", new Customer("C-1", "Ada Lovelace", "ada@example.com", "+4915112345678",
                        "de-DE", "Europe/Berlin", ChannelPreference.SMS)),
                new CanonicalEvent(EventType.CUSTOMER, "crm", LATER, null, null, null, base)))
                .extracting(Fingerprints::of)
                .doesNotContain(fingerprint)
                .doesNotHaveDuplicates();
    }

    @Test
    void orderEventWithACorrectedCustomerEmailIsANewEvent() {
        Order order = new Order("SO-1", OrderStatus.PLACED, "C-1", new BigDecimal("300"), "EUR", List.of());
        CanonicalEvent before = new CanonicalEvent(EventType.ORDER, "oms", FIRST, null, null, order,
                new Customer("C-1", null, "ada@exmaple.com", null, null, null, null));
        CanonicalEvent corrected = new CanonicalEvent(EventType.ORDER, "oms", FIRST, null, null, order,
                new Customer("C-1", null, "ada@example.com", null, null, null, null));

        assertThat(Fingerprints.of(corrected)).isNotEqualTo(Fingerprints.of(before));
    }

    @Test
    void aValueCannotPassForAnotherField() {
        CanonicalEvent nameWithSeparator = customerEvent("crm",
                new Customer("C-1", "Ada\ncustomer.email=ada@example.com", null, null, null, null, null));
        CanonicalEvent twoFields = customerEvent("crm",
                new Customer("C-1", "Ada", "ada@example.com", null, null, null, null));

        assertThat(Fingerprints.of(nameWithSeparator)).isNotEqualTo(Fingerprints.of(twoFields));
    }

    private static CanonicalEvent scan(ShipmentStatus status, String text, OffsetDateTime at) {
        return new CanonicalEvent(EventType.SHIPMENT, "ups", at, null,
                new Shipment("1Z999AA10123456784", "ups", status, null, null, null, text, null, null), null, null);
    }

    private static CanonicalEvent shipmentEvent(Shipment shipment, OffsetDateTime at) {
        return new CanonicalEvent(EventType.SHIPMENT, "ups", at, null, shipment, null, null);
    }

    private static CanonicalEvent orderEvent(String source, OffsetDateTime at, BigDecimal total, String currency,
            List<OrderItem> items) {
        return new CanonicalEvent(EventType.ORDER, source, at, null, null,
                new Order("SO-1", OrderStatus.PLACED, "C-1", total, currency, items), null);
    }

    private static CanonicalEvent customerEvent(String source, Customer customer) {
        return new CanonicalEvent(EventType.CUSTOMER, source, FIRST, null, null, null, customer);
    }
}
