package io.herald.render;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Arrays;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The FreeMarker model of one message: {@code type}, {@code customer}, {@code order}, {@code shipment} and
 * {@code occurredAt}. An unknown value is left out rather than blanked, so a template that needs it fails; templates
 * test optional ones with {@code ??} or {@code ?has_content}. Dates and amounts are already formatted in the
 * recipient's zone and language.
 */
final class MessageModel {

    /** Where English writes the month before the day. */
    private static final Set<String> MONTH_FIRST = Set.of("US", "CA", "PH");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    /** At most this many languages' day formats, and as many languages' and currencies' amount formats, are kept. */
    private static final int FORMATS_KEPT = 500;
    /** By language: DateTimeFormatter is immutable, and its pattern is parsed once. */
    private static final Map<Locale, DateTimeFormatter> DAY_FORMATS = new ConcurrentHashMap<>();
    /** By language and currency: a NumberFormat to clone (it is not thread-safe), built once from the locale data. */
    private static final Map<List<Object>, NumberFormat> MONEY_FORMATS = new ConcurrentHashMap<>();

    private MessageModel() {
    }

    static Map<String, Object> of(MessageFacts facts, Locale language, ZoneId zone, Brand brand) {
        DateTimeFormatter days = dayFormat(language);
        Map<String, Object> model = new HashMap<>();
        model.put("type", facts.type());
        model.put("customer", customer(facts.customerName()));
        model.put("order", order(facts, language));
        if (facts.trackingNumber() != null || facts.carrier() != null) {
            model.put("shipment", shipment(facts, brand, days, zone));
        }
        put(model, "occurredAt", format(facts.occurredAt(), days, zone));
        return model;
    }

    /** "Tuesday, 3 March" and its equivalents: the day a parcel comes, without the year. */
    static DateTimeFormatter dayFormat(Locale language) {
        DateTimeFormatter kept = DAY_FORMATS.get(language);
        if (kept != null) {
            return kept;
        }
        DateTimeFormatter format = newDayFormat(language);
        if (DAY_FORMATS.size() < FORMATS_KEPT) {
            DAY_FORMATS.put(language, format);
        }
        return format;
    }

    private static DateTimeFormatter newDayFormat(Locale language) {
        String pattern = switch (language.getLanguage()) {
            case "en" -> MONTH_FIRST.contains(language.getCountry()) ? "EEEE, MMMM d" : "EEEE, d MMMM";
            case "es" -> "EEEE, d 'de' MMMM";
            case "fr" -> "EEEE d MMMM";
            case "de" -> "EEEE, d. MMMM";
            default -> null;
        };
        return pattern == null ? DateTimeFormatter.ofLocalizedDate(FormatStyle.FULL).withLocale(language)
                : DateTimeFormatter.ofPattern(pattern, language);
    }

    private static Map<String, Object> customer(String name) {
        Map<String, Object> customer = new HashMap<>();
        if (name != null && !name.isBlank()) {
            customer.put("name", name.trim());
            customer.put("firstName", WHITESPACE.split(name.trim())[0]);
        }
        return customer;
    }

    private static Map<String, Object> order(MessageFacts facts, Locale language) {
        Map<String, Object> order = new HashMap<>();
        put(order, "orderId", facts.orderId());
        put(order, "currency", facts.currency());
        put(order, "total", money(facts.orderTotal(), facts.currency(), language));
        order.put("items", facts.items() == null ? List.of() : facts.items());
        return order;
    }

    private static Map<String, Object> shipment(MessageFacts facts, Brand brand, DateTimeFormatter days,
                                                ZoneId zone) {
        Map<String, Object> shipment = new HashMap<>();
        put(shipment, "trackingNumber", facts.trackingNumber());
        put(shipment, "carrier", facts.carrier());
        if (facts.carrier() != null) {
            shipment.put("carrierName", Brand.carrierName(facts.carrier()));
        }
        put(shipment, "trackingUrl", brand.trackingUrl(facts.carrier(), facts.trackingNumber()));
        put(shipment, "status", facts.status());
        put(shipment, "statusText", blankToNull(facts.statusText()));
        put(shipment, "location", blankToNull(facts.location()));
        put(shipment, "exceptionReason", facts.exceptionReason());
        put(shipment, "pickupLocation", blankToNull(facts.pickupLocation()));
        put(shipment, "estimatedDelivery", format(facts.estimatedDelivery(), days, zone));
        put(shipment, "previousEstimatedDelivery", format(facts.previousEstimatedDelivery(), days, zone));
        if (facts.estimatedDelivery() != null && facts.previousEstimatedDelivery() != null) {
            shipment.put("etaLater", facts.estimatedDelivery().isAfter(facts.previousEstimatedDelivery()));
        }
        return shipment;
    }

    private static String money(BigDecimal amount, String currency, Locale language) {
        if (amount == null) {
            return null;
        }
        List<Object> key = Arrays.asList(language, currency);
        NumberFormat kept = MONEY_FORMATS.get(key);
        if (kept != null) {
            return ((NumberFormat) kept.clone()).format(amount);
        }
        try {
            NumberFormat format = NumberFormat.getCurrencyInstance(language);
            format.setCurrency(Currency.getInstance(currency));
            if (MONEY_FORMATS.size() < FORMATS_KEPT) {
                MONEY_FORMATS.put(key, (NumberFormat) format.clone());
            }
            return format.format(amount);
        } catch (IllegalArgumentException | NullPointerException unknownCurrency) {
            NumberFormat format = NumberFormat.getNumberInstance(language);
            format.setMinimumFractionDigits(2);
            return currency == null ? format.format(amount) : format.format(amount) + " " + currency;
        }
    }

    private static String format(OffsetDateTime at, DateTimeFormatter days, ZoneId zone) {
        return at == null ? null : days.format(at.atZoneSameInstant(zone));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static void put(Map<String, Object> map, String key, Object value) {
        if (value != null) {
            map.put(key, value);
        }
    }
}
