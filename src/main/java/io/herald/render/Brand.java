package io.herald.render;

import io.herald.config.HeraldProperties;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * The brand as messages use it: the From address of each type, the tracking link of a parcel, and the values the
 * email layout shows.
 */
@Component
public class Brand {

    /** The critical alerts of DESIGN.md, sent from {@code herald.brand.email-from-critical}. */
    static final Set<String> CRITICAL_TYPES = Set.of("payment_issue", "attempt_failed", "available_for_pickup",
            "delayed", "returned");

    private static final Map<String, String> CARRIER_NAMES = Map.of(
            "ups", "UPS", "usps", "USPS", "fedex", "FedEx", "dhl", "DHL", "dhl-express", "DHL Express");

    private static final String DHL_TRACKING =
            "https://www.dhl.com/global-en/home/tracking/tracking-parcel.html?submit=1&tracking-id={trackingNumber}";

    /** The carriers' own public tracking pages, used when {@code herald.brand.tracking-link} is unset. */
    private static final Map<String, String> CARRIER_TRACKING = Map.of(
            "ups", "https://www.ups.com/track?tracknum={trackingNumber}",
            "fedex", "https://www.fedex.com/fedextrack/?trknbr={trackingNumber}",
            "usps", "https://tools.usps.com/go/TrackConfirmAction?tLabels={trackingNumber}",
            "dhl", DHL_TRACKING,
            "dhl-express", DHL_TRACKING);

    private final BrandProperties brand;
    private final String fallbackFrom;

    public Brand(BrandProperties brand, HeraldProperties properties) {
        this.brand = brand;
        this.fallbackFrom = properties.notifications().emailFrom();
    }

    /** The From address of an email of this type: critical alerts and optional types come from different ones. */
    public String emailFrom(String type) {
        String optional = hasText(brand.emailFrom()) ? brand.emailFrom() : fallbackFrom;
        if (CRITICAL_TYPES.contains(type) && hasText(brand.emailFromCritical())) {
            return brand.emailFromCritical();
        }
        return optional;
    }

    /** The link where the customer follows the parcel, or null for a carrier without a known page and no pattern. */
    String trackingUrl(String carrier, String trackingNumber) {
        if (carrier == null || trackingNumber == null) {
            return null;
        }
        String pattern = hasText(brand.trackingLink()) ? brand.trackingLink() : CARRIER_TRACKING.get(carrier);
        if (pattern == null) {
            return null;
        }
        return pattern.replace("{carrier}", URLEncoder.encode(carrier, StandardCharsets.UTF_8))
                .replace("{trackingNumber}", URLEncoder.encode(trackingNumber, StandardCharsets.UTF_8));
    }

    /** The carrier's name as customers know it. */
    public static String carrierName(String slug) {
        return CARRIER_NAMES.getOrDefault(slug, slug.toUpperCase(Locale.ROOT));
    }

    /** What the templates see as {@code brand}: name and colour always, the others when set. */
    Map<String, Object> model() {
        Map<String, Object> model = new HashMap<>();
        model.put("name", brand.name());
        model.put("colour", brand.colour());
        putIfSet(model, "logoUrl", brand.logoUrl());
        putIfSet(model, "supportEmail", brand.supportEmail());
        putIfSet(model, "supportPhone", brand.supportPhone());
        return Map.copyOf(model);
    }

    private static void putIfSet(Map<String, Object> model, String key, String value) {
        if (hasText(value)) {
            model.put(key, value);
        }
    }

    private static boolean hasText(String value) {
        return value != null && !value.isBlank();
    }
}
