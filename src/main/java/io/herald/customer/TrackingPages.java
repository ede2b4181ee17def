package io.herald.customer;

import io.herald.decide.RecipientZones;
import io.herald.render.Brand;
import io.herald.render.MessageRenderer;
import io.herald.support.SqlFiles;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * What the tracking page of an order shows, and to whom: loads the order, its customer and its shipments with their
 * timelines, and keeps only what the link's holder may see (docs/pages.md, "What the pages reveal"): the customer's
 * first name, each shipment's carrier, tracking number, status, ETA and carrier link, and a timeline of statuses with
 * city-level places, in the customer's zone and language. Never the full name, email, phone, address, postcode, the
 * carrier's free text (it may name who signed), amounts or items.
 */
@Component
class TrackingPages {

    private final NamedParameterJdbcTemplate jdbc;
    private final SqlFiles sql;
    private final Brand brand;
    private final ZoneId defaultZone;

    TrackingPages(NamedParameterJdbcTemplate jdbc, SqlFiles sql, Brand brand,
                  @Value("${herald.quiet-hours.default-zone:UTC}") ZoneId defaultZone) {
        this.jdbc = jdbc;
        this.sql = sql;
        this.brand = brand;
        this.defaultZone = defaultZone;
    }

    /** The page's order: its id, the customer's locale and the values of templates/pages/track.ftlh. */
    record TrackedOrder(String orderId, String customerId, String locale, Map<String, Object> model) {
    }

    private record OrderRow(String orderId, String status, String customerId, String name, String locale,
                            String timezone, String phone) {
    }

    /** The order's page, in the language of {@code language}; empty for an order Herald does not know. */
    Optional<TrackedOrder> load(String orderId, java.util.function.Function<String, String> language) {
        MapSqlParameterSource params = new MapSqlParameterSource("orderId", orderId);
        List<OrderRow> orders = jdbc.query(sql.get("customer/find-tracked-order"), params, (rs, n) -> new OrderRow(
                rs.getString("order_id"), rs.getString("status"), rs.getString("customer_id"), rs.getString("name"),
                rs.getString("locale"), rs.getString("timezone"), rs.getString("phone")));
        if (orders.isEmpty()) {
            return Optional.empty();
        }
        OrderRow order = orders.get(0);
        Locale locale = order.locale() == null || order.locale().isBlank() ? Locale.forLanguageTag(language.apply(null))
                : Locale.forLanguageTag(order.locale().replace('_', '-'));
        String lang = language.apply(order.locale());
        Locale format = locale.getLanguage().equals(lang) ? locale : Locale.forLanguageTag(lang);
        DateTimeFormatter days = MessageRenderer.dayFormat(format);
        DateTimeFormatter times = DateTimeFormatter.ofLocalizedTime(FormatStyle.SHORT).withLocale(format);

        List<Map<String, Object>> shipments = new ArrayList<>();
        jdbc.query(sql.get("customer/list-tracked-shipments"), params, rs -> {
            String carrier = rs.getString("carrier");
            String trackingNumber = rs.getString("tracking_number");
            ZoneId zone = RecipientZones.resolve(order.timezone(), rs.getString("destination_zone"), order.phone(),
                    defaultZone);
            Map<String, Object> shipment = new HashMap<>();
            shipment.put("carrier", carrier);
            shipment.put("carrierName", Brand.carrierName(carrier));
            shipment.put("trackingNumber", trackingNumber);
            shipment.put("status", rs.getString("status"));
            put(shipment, "exceptionReason", rs.getString("exception_reason"));
            put(shipment, "location", cityLevel(rs.getString("location")));
            OffsetDateTime eta = rs.getObject("estimated_delivery", OffsetDateTime.class);
            if (eta != null) {
                shipment.put("estimatedDelivery", days.format(eta.atZoneSameInstant(zone)));
            }
            put(shipment, "trackingUrl", brand.trackingUrl(carrier, trackingNumber));
            shipment.put("zone", zone.getId());
            shipment.put("timeline", timeline("shipment:" + carrier + ":" + trackingNumber, zone, days, times));
            shipments.add(shipment);
        });

        Map<String, Object> model = new HashMap<>();
        model.put("orderId", order.orderId());
        model.put("orderStatus", order.status());
        put(model, "firstName", firstName(order.name()));
        model.put("shipments", shipments);
        return Optional.of(new TrackedOrder(order.orderId(), order.customerId(), order.locale(), model));
    }

    /** Whether the order exists and its customer has this email address; the lookup form's check. */
    boolean matchesEmail(String orderId, String email) {
        return !jdbc.queryForList(sql.get("customer/find-order-by-email"), new MapSqlParameterSource()
                .addValue("orderId", orderId).addValue("email", email), String.class).isEmpty();
    }

    private List<Map<String, Object>> timeline(String subjectKey, ZoneId zone, DateTimeFormatter days,
                                               DateTimeFormatter times) {
        return jdbc.query(sql.get("customer/list-tracked-timeline"), new MapSqlParameterSource("subjectKey",
                subjectKey), (rs, n) -> {
                    var at = rs.getObject("occurred_at", OffsetDateTime.class).atZoneSameInstant(zone);
                    Map<String, Object> entry = new HashMap<>();
                    entry.put("day", days.format(at));
                    entry.put("time", times.format(at));
                    entry.put("datetime", at.toOffsetDateTime().toString());
                    entry.put("status", rs.getString("status"));
                    put(entry, "location", cityLevel(rs.getString("location")));
                    return entry;
                });
    }

    /** The first of the customer's names, as the messages greet them. */
    static String firstName(String name) {
        return name == null || name.isBlank() ? null : name.strip().split("\\s+")[0];
    }

    /**
     * A place at city level, from a comma-separated location: a part with a house number (up to four digits, maybe
     * with a letter: "12 High St", "Hauptstr. 5") is left out whole, and postcodes (other words with digits) are
     * taken out of the rest: "12 High St, Leeds LS1 4AP, GB" shows "Leeds, GB". A four-digit postcode reads as a
     * house number, so its place is left out too: less, never more.
     */
    static String cityLevel(String location) {
        if (location == null) {
            return null;
        }
        List<String> parts = new ArrayList<>();
        for (String part : location.split(",")) {
            List<String> words = Arrays.asList(part.strip().split("\\s+"));
            if (words.stream().anyMatch(word -> word.matches("\\d{1,4}[\\p{L}]?\\.?"))) {
                continue;
            }
            String kept = words.stream().filter(word -> word.chars().noneMatch(Character::isDigit))
                    .collect(Collectors.joining(" "));
            if (!kept.isBlank()) {
                parts.add(kept);
            }
        }
        return parts.isEmpty() ? null : String.join(", ", parts);
    }

    private static void put(Map<String, Object> map, String key, Object value) {
        if (value != null) {
            map.put(key, value);
        }
    }
}
