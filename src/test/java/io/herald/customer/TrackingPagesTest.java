package io.herald.customer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TrackingPagesTest {

    @Test
    void locationIsShownAtCityLevelWithoutStreetOrPostcode() {
        assertThat(TrackingPages.cityLevel("12 High St, Leeds LS1 4AP, GB")).isEqualTo("Leeds, GB");
        assertThat(TrackingPages.cityLevel("Hauptstr. 5, 10115 Berlin, DE")).isEqualTo("Berlin, DE");
        assertThat(TrackingPages.cityLevel("MEMPHIS, TN 38118, US")).isEqualTo("MEMPHIS, TN, US");
        assertThat(TrackingPages.cityLevel("Leipzig, DE")).isEqualTo("Leipzig, DE");
        assertThat(TrackingPages.cityLevel("221B Baker Street")).isNull();
        assertThat(TrackingPages.cityLevel(null)).isNull();
    }

    @Test
    void customerIsGreetedByFirstNameOnly() {
        assertThat(TrackingPages.firstName("  Ada   Lovelace ")).isEqualTo("Ada");
        assertThat(TrackingPages.firstName(" ")).isNull();
    }
}
