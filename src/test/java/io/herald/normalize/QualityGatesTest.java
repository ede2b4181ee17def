package io.herald.normalize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.herald.canonical.CanonicalEvent;
import io.herald.canonical.Customer;
import io.herald.canonical.EventType;
import io.herald.canonical.Shipment;
import io.herald.canonical.ShipmentStatus;
import io.herald.config.HeraldProperties;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class QualityGatesTest {

    private static final String UPS = "1Z999AA10123456784";

    private final List<IntakeFinding> findings = new ArrayList<>();
    private final QualityGates gates = new QualityGates(new Binder(new MapConfigurationPropertySource(Map.of(
            "herald.sources.oms.gates.tracking-number", "strict",
            "herald.sources.oms.phone-region", "DE",
            "herald.sources.lax.gates.phone", "lenient",
            "herald.sources.lax.gates.email", "lenient")))
            .bindOrCreate("herald", HeraldProperties.class));

    @Test
    void carrierIsToldFromAUpsNumberWhenTheSourceNamesNone() {
        Shipment shipment = gates.apply("oms", shipment(null, "1z 999 aa1 01 2345 6784"), null, 0, findings).shipment();

        assertThat(shipment.carrier()).isEqualTo("ups");
        assertThat(shipment.trackingNumber()).isEqualTo(UPS);
        assertThat(findings).extracting(IntakeFinding::check).containsExactly("carrier");
    }

    @Test
    void numberThatNamesNoCarrierIsRefusedWhenTheSourceNamesNone() {
        assertThatThrownBy(() -> gates.apply("carrierless", shipment(null, "PKG-000417"), null, 0, findings))
                .isInstanceOfSatisfying(IntakeRejectedException.class,
                        e -> assertThat(e.reason()).isEqualTo(RejectReason.INVALID_TRACKING_NUMBER));
    }

    @Test
    void strictSourceRefusesAUpsNumberWithATypo() {
        assertThatThrownBy(() -> gates.apply("oms", shipment("ups", "1Z999AA10123456785"), null, 0, findings))
                .isInstanceOfSatisfying(IntakeRejectedException.class, e -> {
                    assertThat(e.reason()).isEqualTo(RejectReason.INVALID_TRACKING_NUMBER);
                    assertThat(e.getMessage()).contains("check digit");
                });
    }

    @Test
    void strictSourceRefusesAnotherCarriersNumber() {
        assertThatThrownBy(() -> gates.apply("oms", shipment("fedex", UPS), null, 0, findings))
                .isInstanceOfSatisfying(IntakeRejectedException.class,
                        e -> assertThat(e.getMessage()).contains("is a ups number, not a fedex one"));
    }

    @Test
    void lenientSourceTakesAnOddNumberAndReportsIt() {
        Shipment shipment = gates.apply("ups", shipment("ups", "1Z999AA10123456785"), null, 0, findings).shipment();

        assertThat(shipment.trackingNumber()).isEqualTo("1Z999AA10123456785");
        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.check()).isEqualTo("tracking_number");
            assertThat(f.outcome()).isEqualTo("accepted");
        });
    }

    @Test
    void carrierWithoutKnownFormatsTakesAnyNumberAsGiven() {
        Shipment shipment = gates.apply("oms", shipment("acme-parcel", " ACM-2026-000417 "), null, 0, findings)
                .shipment();

        assertThat(shipment.trackingNumber()).isEqualTo("ACM-2026-000417");
        assertThat(findings).isEmpty();
    }

    @Test
    void nationalPhoneNumberTakesTheSourcesRegion() {
        Customer customer = gates.apply("oms", customer("0170 1234567", null, null), null, 0, findings).customer();

        assertThat(customer.phone()).isEqualTo("+491701234567");
    }

    @Test
    void regionOfTheEventWinsOverTheSourcesRegion() {
        Customer customer = gates.apply("oms", customer("(202) 555-0143", null, null), "us", 0, findings).customer();

        assertThat(customer.phone()).isEqualTo("+12025550143");
    }

    @Test
    void nationalPhoneNumberTakesTheRegionOfTheCustomersLocale() {
        Customer customer = gates.apply("crm", customer("020 7946 0958", null, "en-GB"), null, 0, findings).customer();

        assertThat(customer.phone()).isEqualTo("+442079460958");
    }

    @Test
    void nationalPhoneNumberWithoutAnyRegionIsRefusedWithoutEchoingIt() {
        assertThatThrownBy(() -> gates.apply("crm", customer("0170 1234567", null, "de"), null, 0, findings))
                .isInstanceOfSatisfying(IntakeRejectedException.class, e -> {
                    assertThat(e.reason()).isEqualTo(RejectReason.INVALID_PHONE);
                    assertThat(e.getMessage()).contains("no country code").doesNotContain("1234567");
                });
    }

    @Test
    void lenientPhoneGateLeavesOutANumberThatCannotBeDialled() {
        Customer customer = gates.apply("lax", customer("+49 12", "a@example.com", null), null, 0, findings).customer();

        assertThat(customer.phone()).isNull();
        assertThat(customer.email()).isEqualTo("a@example.com");
        assertThat(findings).extracting(IntakeFinding::outcome).containsExactly("dropped");
    }

    @Test
    void emailDomainIsLowerCasedAndTheLocalPartKept() {
        Customer customer = gates.apply("crm", customer(null, " Ana.Lopez+orders@Example.COM ", null), null, 0,
                findings).customer();

        assertThat(customer.email()).isEqualTo("Ana.Lopez+orders@example.com");
    }

    @Test
    void internationalisedEmailIsTaken() {
        Customer customer = gates.apply("crm", customer(null, "jörg@müller.de", null), null, 0, findings).customer();

        assertThat(customer.email()).isEqualTo("jörg@müller.de");
    }

    @Test
    void malformedEmailsAreRefusedByTheStrictGate() {
        for (String bad : List.of("ana@", "ana@example", "ana lopez@example.com", "ana..lopez@example.com",
                "ana@-example.com", "ana@example.c", "@example.com")) {
            assertThatThrownBy(() -> gates.apply("crm", customer(null, bad, null), null, 0, findings))
                    .as(bad)
                    .isInstanceOfSatisfying(IntakeRejectedException.class,
                            e -> assertThat(e.reason()).isEqualTo(RejectReason.INVALID_EMAIL));
        }
    }

    @Test
    void lenientEmailGateLeavesOutABadAddress() {
        Customer customer = gates.apply("lax", customer("+491701234567", "ana@", null), null, 0, findings).customer();

        assertThat(customer.email()).isNull();
        assertThat(customer.phone()).isEqualTo("+491701234567");
    }

    @Test
    void unknownStatusIsReported() {
        CanonicalEvent event = new CanonicalEvent(EventType.SHIPMENT, "ups", OffsetDateTime.now(), null,
                new Shipment(UPS, "ups", ShipmentStatus.UNKNOWN, null, null, null, "Code ZZ", null, null), null, null);

        gates.apply("ups", event, null, 0, findings);

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.check()).isEqualTo("status");
            assertThat(f.detail()).contains("Code ZZ");
        });
    }

    private static CanonicalEvent shipment(String carrier, String number) {
        return new CanonicalEvent(EventType.SHIPMENT, "test", OffsetDateTime.now(), null,
                new Shipment(number, carrier, ShipmentStatus.IN_TRANSIT, null, null, null, null, null, null),
                null, null);
    }

    private static CanonicalEvent customer(String phone, String email, String locale) {
        return new CanonicalEvent(EventType.CUSTOMER, "test", OffsetDateTime.now(), null, null, null,
                new Customer("C-1", null, email, phone, locale, null, null));
    }
}
