package io.herald.decide;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class RecipientZonesTest {

    private static final ZoneId DEFAULT = ZoneId.of("America/Chicago");

    @Test
    void theCustomersOwnZoneComesFirst() {
        assertThat(RecipientZones.resolve("Europe/Paris", "Asia/Tokyo", "+4915112340001", DEFAULT))
                .isEqualTo(ZoneId.of("Europe/Paris"));
    }

    @Test
    void theDestinationComesBeforeThePhoneNumberAndAnUnreadableOneIsPassedOver() {
        assertThat(RecipientZones.resolve(null, "America/Los_Angeles", "+4915112340001", DEFAULT))
                .isEqualTo(ZoneId.of("America/Los_Angeles"));
        assertThat(RecipientZones.resolve("", "Mars/Olympus_Mons", "+4915112340001", DEFAULT))
                .isEqualTo(ZoneId.of("Europe/Berlin"));
        assertThat(RecipientZones.resolve(null, " ", null, DEFAULT)).isEqualTo(DEFAULT);
    }

    @Test
    void thenTheDestinationThenThePhoneNumberThenTheDefaultNeverUtc() {
        assertThat(RecipientZones.resolve(null, "Asia/Tokyo", "+4915112340001", DEFAULT))
                .isEqualTo(ZoneId.of("Asia/Tokyo"));
        assertThat(RecipientZones.resolve("not/a-zone", null, "+4915112340001", DEFAULT))
                .isEqualTo(ZoneId.of("Europe/Berlin"));
        assertThat(RecipientZones.resolve(null, null, "+12125550123", DEFAULT))
                .as("a New York number").isEqualTo(ZoneId.of("America/New_York"));
        assertThat(RecipientZones.resolve(null, null, null, DEFAULT)).isEqualTo(DEFAULT);
        assertThat(RecipientZones.resolve(null, null, "not a number", DEFAULT)).isEqualTo(DEFAULT);
    }
}
