package io.herald.render;

import static io.herald.render.RenderFixtures.with;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BrandTest {

    @Test
    void criticalAlertsAndOptionalTypesComeFromDifferentAddresses() {
        Brand brand = RenderFixtures.brand(with("herald.brand.email-from", "Shop <news@shop.example>",
                "herald.brand.email-from-critical", "Shop alerts <alerts@shop.example>"));
        for (String critical : new String[] {"payment_issue", "attempt_failed", "available_for_pickup", "delayed",
                "returned"}) {
            assertThat(brand.emailFrom(critical)).as(critical).isEqualTo("Shop alerts <alerts@shop.example>");
        }
        for (String optional : new String[] {"order_confirmed", "order_cancelled", "shipped", "out_for_delivery",
                "delivered", "eta_changed", "stalled"}) {
            assertThat(brand.emailFrom(optional)).as(optional).isEqualTo("Shop <news@shop.example>");
        }
    }

    @Test
    void withoutBrandAddressesEveryEmailComesFromTheNotificationsAddress() {
        Brand brand = RenderFixtures.brand(with("herald.notifications.email-from", "Shop <shop@example.com>"));
        assertThat(brand.emailFrom("shipped")).isEqualTo("Shop <shop@example.com>");
        assertThat(brand.emailFrom("delayed")).isEqualTo("Shop <shop@example.com>");
    }

    @Test
    void criticalAddressAloneLeavesOptionalTypesOnTheNotificationsAddress() {
        Brand brand = RenderFixtures.brand(with("herald.notifications.email-from", "Shop <shop@example.com>",
                "herald.brand.email-from-critical", "Shop alerts <alerts@shop.example>"));
        assertThat(brand.emailFrom("shipped")).isEqualTo("Shop <shop@example.com>");
        assertThat(brand.emailFrom("returned")).isEqualTo("Shop alerts <alerts@shop.example>");
    }

    @ParameterizedTest
    @CsvSource({
            "ups, 1Z999AA10123456784, https://www.ups.com/track?tracknum=1Z999AA10123456784",
            "fedex, 123456789012, https://www.fedex.com/fedextrack/?trknbr=123456789012",
            "usps, 9400 1000 0000 0000 0000 00, https://tools.usps.com/go/TrackConfirmAction?tLabels=9400+1000+0000+0000+0000+00",
            "dhl, 00340434161094015902, https://www.dhl.com/global-en/home/tracking/tracking-parcel.html?submit=1&tracking-id=00340434161094015902",
            "dhl-express, JJD/0003&x, https://www.dhl.com/global-en/home/tracking/tracking-parcel.html?submit=1&tracking-id=JJD%2F0003%26x"})
    void withoutAPatternTheCarriersOwnTrackingPageIsLinked(String carrier, String number, String url) {
        assertThat(RenderFixtures.brand(with()).trackingUrl(carrier, number)).isEqualTo(url);
    }

    @Test
    void carrierWithoutAKnownPageHasNoLink() {
        assertThat(RenderFixtures.brand(with()).trackingUrl("acme-parcel", "AC123")).isNull();
    }

    @Test
    void patternReplacesTheCarriersPagesForEveryCarrier() {
        Brand brand = RenderFixtures.brand(with("herald.brand.tracking-link",
                "https://shop.example/track/{carrier}/{trackingNumber}"));
        assertThat(brand.trackingUrl("acme-parcel", "AC 1/2")).isEqualTo("https://shop.example/track/acme-parcel/AC+1%2F2");
        assertThat(brand.trackingUrl("ups", "1Z1")).isEqualTo("https://shop.example/track/ups/1Z1");
    }
}
