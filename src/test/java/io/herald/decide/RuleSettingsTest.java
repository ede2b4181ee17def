package io.herald.decide;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.herald.canonical.ShipmentStatus;
import io.herald.decide.RuleSettings.StallTime;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

class RuleSettingsTest {

    private static final String CARRIERS = "herald.rules.stalled.carriers.";

    @Test
    void eachCarriersOwnStallTimeIsLookedForOnItsOwnAndTheDefaultLeavesItsCarriersOut() {
        RuleSettings rules = new RuleSettings(new MockEnvironment()
                .withProperty(CARRIERS + "ups.in-transit", "24h")
                .withProperty(CARRIERS + "ups.exception", "48h")
                .withProperty(CARRIERS + "dhl.OUT_FOR_DELIVERY", "12h"));

        assertThat(rules.stallTimes()).containsExactlyInAnyOrder(
                new StallTime(ShipmentStatus.IN_TRANSIT, null, Set.of("ups"), Duration.ofHours(72)),
                new StallTime(ShipmentStatus.IN_TRANSIT, "ups", Set.of(), Duration.ofHours(24)),
                new StallTime(ShipmentStatus.EXCEPTION, "ups", Set.of(), Duration.ofHours(48)),
                new StallTime(ShipmentStatus.OUT_FOR_DELIVERY, "dhl", Set.of(), Duration.ofHours(12)));
    }

    @Test
    void byDefaultOnlyShipmentsInTransitStall() {
        assertThat(new RuleSettings(new MockEnvironment()).stallTimes()).containsExactly(
                new StallTime(ShipmentStatus.IN_TRANSIT, null, Set.of(), Duration.ofHours(72)));
    }

    @Test
    void aStallTimeThatCannotTakeEffectStopsTheStartupNamingItsSetting() {
        assertThatThrownBy(() -> new RuleSettings(new MockEnvironment().withProperty(CARRIERS + "ups.delivered", "1h")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith(CARRIERS + "ups.delivered: delivered is final or unknown")
                .hasMessageEndingWith("info_received, in_transit, out_for_delivery, available_for_pickup, "
                        + "attempt_failed, exception");
        assertThatThrownBy(() -> new RuleSettings(new MockEnvironment().withProperty(CARRIERS + "ups.in_transt", "1h")))
                .hasMessageStartingWith(CARRIERS + "ups.in_transt: 'in_transt' is not a shipment status");
        assertThatThrownBy(() -> new RuleSettings(new MockEnvironment().withProperty(CARRIERS + "ups.unknown", "1h")))
                .hasMessageStartingWith(CARRIERS + "ups.unknown: unknown is final or unknown");
        assertThatThrownBy(() -> new RuleSettings(new MockEnvironment().withProperty(CARRIERS + "ups.exception", "0s")))
                .hasMessage(CARRIERS + "ups.exception: a stall time must be positive, not PT0S");
        assertThatThrownBy(() -> new RuleSettings(new MockEnvironment()
                .withProperty(CARRIERS + "ups.in_transit", "1h").withProperty(CARRIERS + "ups.in-transit", "2h")))
                .hasMessageContaining("the stall time of ups for in_transit is set twice");
        assertThatThrownBy(() -> new RuleSettings(new MockEnvironment()
                .withProperty("herald.rules.stalled.after", "-1h")))
                .hasMessage("herald.rules.stalled.after: a stall time must be positive, not PT-1H");
    }
}
