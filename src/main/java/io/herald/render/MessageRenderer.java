package io.herald.render;

import io.herald.notify.TemplateRenderer;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Renders a message from its facts (interim: replaced by the render package's own). */
@Component("messageRenderer")
public class MessageRenderer {

    private final TemplateRenderer templates;

    public MessageRenderer(TemplateRenderer templates) {
        this.templates = templates;
    }

    public boolean supports(String channel, String type) {
        return templates.supports(channel, type);
    }

    public RenderedMessage render(MessageFacts facts, String channel, String wantedLocale, ZoneId zone) {
        String locale = templates.resolveLocale(channel, facts.type(), wantedLocale);
        DateTimeFormatter dates = DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG)
                .withLocale(Locale.forLanguageTag(locale));
        Map<String, Object> model = new HashMap<>();
        String name = facts.customerName() == null ? "" : facts.customerName().trim();
        model.put("customer", Map.of("name", name, "firstName", name.isEmpty() ? "" : name.split("\\s+")[0]));
        model.put("order", Map.of("orderId", facts.orderId() == null ? "" : facts.orderId(),
                "items", facts.items() == null ? List.of() : facts.items(),
                "total", facts.orderTotal() == null ? "" : facts.orderTotal().toPlainString(),
                "currency", facts.currency() == null ? "" : facts.currency()));
        if (facts.trackingNumber() != null) {
            Map<String, Object> shipment = new HashMap<>();
            shipment.put("trackingNumber", facts.trackingNumber());
            shipment.put("carrier", facts.carrier());
            shipment.put("carrierName", switch (facts.carrier()) {
                case "ups" -> "UPS";
                case "usps" -> "USPS";
                case "fedex" -> "FedEx";
                case "dhl" -> "DHL";
                case "dhl-express" -> "DHL Express";
                default -> facts.carrier().toUpperCase(Locale.ROOT);
            });
            shipment.put("status", facts.status());
            shipment.put("statusText", facts.statusText() == null ? "" : facts.statusText());
            shipment.put("location", facts.location() == null ? "" : facts.location());
            shipment.put("estimatedDelivery", facts.estimatedDelivery() == null ? ""
                    : dates.format(facts.estimatedDelivery().atZoneSameInstant(zone)));
            model.put("shipment", shipment);
        }
        model.put("occurredAt", facts.occurredAt() == null ? "" : dates.format(facts.occurredAt().atZoneSameInstant(zone)));
        String text = templates.render(channel, locale, facts.type(), "txt", model).orElseThrow(() ->
                new IllegalStateException("No text template for " + channel + "/" + locale + "/" + facts.type()));
        return new RenderedMessage(locale, templates.render(channel, locale, facts.type(), "subject", model).orElse(null),
                text, templates.render(channel, locale, facts.type(), "html", model).orElse(null), null, 0);
    }
}
