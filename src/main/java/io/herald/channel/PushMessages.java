package io.herald.channel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.herald.customer.PageLinks;
import io.herald.notify.NotificationLog;
import io.herald.notify.OutboundMessage;
import io.herald.support.Names;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;
import org.apache.camel.Message;
import org.springframework.stereotype.Component;

/**
 * Shapes a push notification as the retailer's app backend receives it (docs/channels-push.md): a JSON body with the
 * notification id, type, customer id, locale, title, body and deep link (the order's tracking page), posted to
 * {@code herald.channels.push.url} by {@link PushClient}, which signs it as it goes out. {@link #prepare} builds the
 * body once per message.
 */
@Component("pushMessages")
public class PushMessages {

    private final NotificationLog log;
    private final PageLinks pages;
    private final ObjectMapper json;

    public PushMessages(NotificationLog log, PageLinks pages, ObjectMapper json) {
        this.log = log;
        this.pages = pages;
        this.json = json;
    }

    /** Builds the JSON body of the outbound message, and keeps it and the message for the hand-off. */
    public void prepare(Exchange exchange) throws InvalidPayloadException {
        Message message = exchange.getMessage();
        OutboundMessage outbound = message.getMandatoryBody(OutboundMessage.class);
        message.removeHeaders("*");
        message.setBody(null);
        String orderId = log.orderIdOf(outbound.notificationId()).orElse(null);
        exchange.setProperty(Names.Property.OUTBOUND, outbound);
        exchange.setProperty(Names.Property.PUSH_PAYLOAD, payload(outbound, deepLink(orderId)));
    }

    /** The order's tracking page ({@link PageLinks}), or null without an order. */
    String deepLink(String orderId) {
        return orderId == null || orderId.isBlank() ? null : pages.trackUrl(orderId);
    }

    private String payload(OutboundMessage outbound, String deepLink) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("notificationId", outbound.notificationId());
        body.put("type", outbound.type());
        body.put("customerId", outbound.recipient());
        body.put("locale", outbound.locale());
        body.put("title", outbound.subject());
        body.put("body", outbound.bodyText());
        body.put("deepLink", deepLink);
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
