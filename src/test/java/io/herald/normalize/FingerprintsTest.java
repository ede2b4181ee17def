package io.herald.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import io.herald.canonical.CanonicalEvent;
import io.herald.canonical.EventType;
import io.herald.canonical.Shipment;
import io.herald.canonical.ShipmentStatus;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;

class FingerprintsTest {

    private static final OffsetDateTime FIRST = OffsetDateTime.parse("2026-11-22T08:00:00Z");
    private static final OffsetDateTime LATER = FIRST.plusHours(12);

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

    private static CanonicalEvent scan(ShipmentStatus status, String text, OffsetDateTime at) {
        return new CanonicalEvent(EventType.SHIPMENT, "ups", at, null,
                new Shipment("1Z999AA10123456784", "ups", status, null, null, null, text, null), null, null);
    }
}
