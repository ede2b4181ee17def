package io.herald.channel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.herald.customer.PageLinks;
import io.herald.notify.Notification;
import io.herald.notify.NotificationLog;
import io.herald.notify.OutboundMessage;
import io.herald.support.Names;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;
import org.apache.camel.Message;
import org.springframework.stereotype.Component;

/**
 * Shapes a push notification as the retailer's app backend receives it (docs/channels-push.md): a JSON body with the
 * notification id, type, customer id, locale, title, body and deep link (the order's tracking page), posted to
 * {@code herald.channels.push.url}. {@link #prepare} builds the body once per message; {@link #sign} signs it anew
 * before each hand-off, so a retry minutes later carries a fresh timestamp and is not taken for a replay.
 */
@Component("pushMessages")
public class PushMessages {

    static final String NOTIFICATION_ID = "X-Herald-Notification-Id";
    static final String TIMESTAMP = "X-Herald-Timestamp";
    static final String SIGNATURE = "X-Herald-Signature";

    private final PushSettings settings;
    private final NotificationLog log;
    private final PageLinks pages;
    private final ObjectMapper json;
    private final Clock clock;

    public PushMessages(PushSettings settings, NotificationLog log, PageLinks pages, ObjectMapper json, Clock clock) {
        this.settings = settings;
        this.log = log;
        this.pages = pages;
        this.json = json;
        this.clock = clock;
    }

    /** Builds the JSON body of the outbound message in the body, and keeps it and the message for the hand-off. */
    public void prepare(Exchange exchange) throws InvalidPayloadException {
        Message message = exchange.getMessage();
        OutboundMessage outbound = message.getMandatoryBody(OutboundMessage.class);
        message.removeHeaders("*");
        message.setBody(null);
        String orderId = log.findById(outbound.notificationId()).map(Notification::orderId).orElse(null);
        exchange.setProperty(Names.Property.OUTBOUND, outbound);
        exchange.setProperty(Names.Property.PUSH_PAYLOAD, payload(outbound, deepLink(orderId)));
        exchange.setProperty(Names.Property.PUSH_URL, settings.url());
    }

    /**
     * Sets the body and the headers of one hand-off: the notification id (the same on every resend), the timestamp
     * (epoch seconds, now) and the signature over both timestamp and body.
     */
    public void sign(Exchange exchange) {
        Message message = exchange.getMessage();
        String payload = exchange.getProperty(Names.Property.PUSH_PAYLOAD, String.class);
        OutboundMessage outbound = exchange.getProperty(Names.Property.OUTBOUND, OutboundMessage.class);
        long timestamp = clock.instant().getEpochSecond();
        message.removeHeaders("*");
        message.setHeader(Exchange.HTTP_METHOD, "POST");
        message.setHeader(Exchange.CONTENT_TYPE, "application/json; charset=UTF-8");
        message.setHeader(NOTIFICATION_ID, outbound.notificationId());
        message.setHeader(TIMESTAMP, Long.toString(timestamp));
        message.setHeader(SIGNATURE, signature(settings.secret(), timestamp, payload));
        message.setBody(payload);
    }

    /**
     * {@code v1=} and the lowercase hex HMAC-SHA256, keyed with the shared secret, of {@code <timestamp>.<body>}: what
     * the app backend computes to check a request (docs/channels-push.md, "Checking a request").
     */
    static String signature(String secret, long timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] digest = mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
            return "v1=" + HexFormat.of().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
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
