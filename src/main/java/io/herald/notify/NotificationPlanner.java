package io.herald.notify;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.herald.canonical.CanonicalEvent;
import io.herald.canonical.ChannelPreference;
import io.herald.canonical.Shipment;
import io.herald.ops.HeraldMetrics;
import io.herald.render.TemplateRenderer;
import io.herald.rules.RuleHeaders;
import io.herald.support.SqlFiles;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Turns a decided notification type into rendered messages, one per channel the customer wants. The log's unique
 * (subject, type, channel) key is the idempotent step: a shipment never gets the same type twice on a channel. A
 * message that was logged but may not have reached Kafka (a crash in between) is sent on again when the event is
 * redelivered; the channel routes skip what is already sent.
 */
@Component("notificationPlanner")
public class NotificationPlanner {

    private static final Logger LOG = LoggerFactory.getLogger(NotificationPlanner.class);

    private final NamedParameterJdbcTemplate jdbc;
    private final SqlFiles sql;
    private final NotificationLog log;
    private final TemplateRenderer templates;
    private final ObjectMapper json;
    private final HeraldMetrics metrics;

    public NotificationPlanner(NamedParameterJdbcTemplate jdbc, SqlFiles sql, NotificationLog log,
                               TemplateRenderer templates, ObjectMapper json, HeraldMetrics metrics) {
        this.jdbc = jdbc;
        this.sql = sql;
        this.log = log;
        this.templates = templates;
        this.json = json;
        this.metrics = metrics;
    }

    public List<OutboundMessage> plan(Exchange exchange) throws InvalidPayloadException {
        Message message = exchange.getMessage();
        CanonicalEvent event = message.getMandatoryBody(CanonicalEvent.class);
        String type = message.getHeader(RuleHeaders.NOTIFICATION_TYPE, String.class);
        String subjectKey = message.getHeader(RuleHeaders.SUBJECT_KEY, String.class);
        long intakeAt = message.getHeader("kafka.TIMESTAMP", System.currentTimeMillis(), Long.class);

        Optional<Recipient> found = recipientOf(event);
        if (found.isEmpty()) {
            LOG.info("No customer is known yet for {}; {} is not sent", subjectKey, type);
            metrics.notification("none", "NO_RECIPIENT");
            return List.of();
        }
        Recipient recipient = found.get();
        Map<String, Object> order = orderDetails(recipient.orderId());
        List<OutboundMessage> outbound = new ArrayList<>();
        for (String channel : recipient.channels()) {
            if (!templates.supports(channel, type)) {
                continue;
            }
            Optional<Notification> existing = log.find(subjectKey, type, channel);
            if (existing.isPresent()) {
                existing.filter(n -> "DECIDED".equals(n.state()))
                        .ifPresent(n -> outbound.add(toMessage(n, intakeAt)));
                continue;
            }
            decide(event, type, subjectKey, channel, recipient, order, intakeAt).ifPresent(outbound::add);
        }
        return outbound;
    }

    private Optional<OutboundMessage> decide(CanonicalEvent event, String type, String subjectKey, String channel,
                                             Recipient recipient, Map<String, Object> order, long intakeAt) {
        String locale = templates.resolveLocale(channel, type, recipient.locale());
        Map<String, Object> model = model(event, type, recipient, order, locale);
        String text = templates.render(channel, locale, type, "txt", model).orElseThrow(() ->
                new IllegalStateException("No text template for " + channel + "/" + locale + "/" + type));
        String subject = templates.render(channel, locale, type, "subject", model).orElse(null);
        String html = templates.render(channel, locale, type, "html", model).orElse(null);
        String id = UUID.randomUUID().toString();
        Shipment shipment = event.shipment();
        var params = new MapSqlParameterSource()
                .addValue("id", id)
                .addValue("subjectKey", subjectKey)
                .addValue("type", type)
                .addValue("channel", channel)
                .addValue("orderId", recipient.orderId())
                .addValue("carrier", shipment == null ? null : shipment.carrier())
                .addValue("trackingNumber", shipment == null ? null : shipment.trackingNumber())
                .addValue("customerId", recipient.customerId())
                .addValue("locale", locale)
                .addValue("recipient", recipient.address(channel))
                .addValue("subject", subject)
                .addValue("bodyText", text)
                .addValue("bodyHtml", html)
                .addValue("eventOccurredAt", event.occurredAt())
                .addValue("now", OffsetDateTime.now(ZoneOffset.UTC));
        try {
            log.insert(params);
        } catch (DuplicateKeyException raced) {
            return Optional.empty();
        }
        return Optional.of(new OutboundMessage(id, type, channel, recipient.address(channel), locale, subject, text,
                html, intakeAt));
    }

    private static OutboundMessage toMessage(Notification n, long intakeAt) {
        return new OutboundMessage(n.id(), n.type(), n.channel(), n.recipient(), n.locale(), n.subject(),
                n.bodyText(), n.bodyHtml(), intakeAt);
    }

    private Optional<Recipient> recipientOf(CanonicalEvent event) {
        List<Recipient> rows;
        if (event.shipment() != null) {
            var params = new MapSqlParameterSource().addValue("carrier", event.shipment().carrier())
                    .addValue("trackingNumber", event.shipment().trackingNumber());
            rows = jdbc.query(sql.get("notify/find-recipient-for-shipment"), params, this::recipient);
        } else if (event.order() != null) {
            rows = jdbc.query(sql.get("notify/find-recipient-for-order"),
                    new MapSqlParameterSource("orderId", event.order().orderId()), this::recipient);
        } else {
            rows = List.of();
        }
        return rows.stream().findFirst().filter(r -> !r.channels().isEmpty());
    }

    private Recipient recipient(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        String preference = rs.getString("channel_preference");
        return new Recipient(rs.getString("order_id"), rs.getString("customer_id"), rs.getString("name"),
                rs.getString("email"), rs.getString("phone"), rs.getString("locale"), rs.getString("timezone"),
                preference == null ? null : ChannelPreference.valueOf(preference));
    }

    private Map<String, Object> model(CanonicalEvent event, String type, Recipient recipient,
                                      Map<String, Object> order, String locale) {
        Locale language = Locale.forLanguageTag(locale);
        ZoneId zone = recipient.zone();
        DateTimeFormatter dates = DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(language);
        Map<String, Object> model = new HashMap<>();
        model.put("type", type);
        model.put("customer", Map.of("name", recipient.name() == null ? "" : recipient.name(),
                "firstName", firstName(recipient.name())));
        model.put("order", order);
        Shipment s = event.shipment();
        if (s != null) {
            Map<String, Object> shipment = new HashMap<>();
            shipment.put("trackingNumber", s.trackingNumber());
            shipment.put("carrier", s.carrier());
            shipment.put("carrierName", carrierName(s.carrier()));
            shipment.put("status", s.status().name());
            shipment.put("statusText", s.statusText() == null ? "" : s.statusText());
            shipment.put("location", s.location() == null ? "" : s.location());
            shipment.put("estimatedDelivery", s.estimatedDelivery() == null ? ""
                    : dates.format(s.estimatedDelivery().atZoneSameInstant(zone)));
            model.put("shipment", shipment);
        }
        model.put("occurredAt", dates.format(event.occurredAt().atZoneSameInstant(zone)));
        return model;
    }

    private Map<String, Object> orderDetails(String orderId) {
        if (orderId == null) {
            return Map.of("orderId", "");
        }
        List<Map<String, Object>> rows = jdbc.query(sql.get("notify/find-order-details"),
                new MapSqlParameterSource("orderId", orderId), (rs, n) -> {
                    Map<String, Object> order = new HashMap<>();
                    order.put("orderId", rs.getString("order_id"));
                    order.put("total", rs.getBigDecimal("total") == null ? "" : rs.getBigDecimal("total").toPlainString());
                    order.put("currency", rs.getString("currency") == null ? "" : rs.getString("currency"));
                    order.put("items", items(rs.getString("items_json")));
                    return order;
                });
        return rows.isEmpty() ? Map.of("orderId", orderId, "items", List.of(), "total", "", "currency", "")
                : rows.get(0);
    }

    private List<Map<String, Object>> items(String itemsJson) {
        if (itemsJson == null) {
            return List.of();
        }
        try {
            return json.readValue(itemsJson, new TypeReference<>() { });
        } catch (java.io.IOException e) {
            return List.of();
        }
    }

    private static String firstName(String name) {
        if (name == null || name.isBlank()) {
            return "";
        }
        return name.trim().split("\\s+")[0];
    }

    private static String carrierName(String slug) {
        return switch (slug) {
            case "ups" -> "UPS";
            case "usps" -> "USPS";
            case "fedex" -> "FedEx";
            case "dhl" -> "DHL";
            case "dhl-express" -> "DHL Express";
            default -> slug.toUpperCase(Locale.ROOT);
        };
    }

    /** Who to tell, and where. */
    record Recipient(String orderId, String customerId, String name, String email, String phone, String locale,
                     String timezone, ChannelPreference preference) {

        List<String> channels() {
            boolean email = this.email != null && !this.email.isBlank();
            boolean sms = phone != null && !phone.isBlank();
            ChannelPreference wanted = preference != null ? preference : email ? ChannelPreference.EMAIL
                    : ChannelPreference.SMS;
            List<String> channels = new ArrayList<>(2);
            if (email && wanted != ChannelPreference.SMS) {
                channels.add("email");
            }
            if (sms && wanted != ChannelPreference.EMAIL) {
                channels.add("sms");
            }
            return channels;
        }

        String address(String channel) {
            return "sms".equals(channel) ? phone : email;
        }

        ZoneId zone() {
            try {
                return timezone == null ? ZoneOffset.UTC : ZoneId.of(timezone);
            } catch (java.time.DateTimeException e) {
                return ZoneOffset.UTC;
            }
        }
    }
}
