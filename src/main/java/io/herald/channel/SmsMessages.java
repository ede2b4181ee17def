package io.herald.channel;

import io.herald.support.Names;
import io.herald.config.HeraldProperties;
import io.herald.notify.OutboundMessage;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;
import org.apache.camel.Message;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Shapes an outbound SMS for its sender, Twilio's Messages API (TwilioMessages) or the default run's local outbox:
 * headers {@code heraldSmsTo}, {@code heraldSmsFrom} (E.164 numbers, or a short code), {@code heraldSmsBody} and,
 * when configured, {@code heraldSmsStatusCallback}, whose URL carries the notification id.
 */
@Component("smsMessages")
public class SmsMessages {

    public static final String TO = "heraldSmsTo";
    public static final String FROM = "heraldSmsFrom";
    public static final String BODY = "heraldSmsBody";
    public static final String STATUS_CALLBACK = "heraldSmsStatusCallback";

    /** The path of Herald's own Twilio status webhook, under {@code herald.public-base-url}. */
    static final String STATUS_PATH = "/api/v1/sms/status";

    private final HeraldProperties.Notifications settings;
    private final String publicBaseUrl;

    public SmsMessages(HeraldProperties properties, @Value("${herald.public-base-url:}") String publicBaseUrl) {
        this.settings = properties.notifications();
        this.publicBaseUrl = publicBaseUrl;
    }

    public void prepare(Exchange exchange) throws InvalidPayloadException {
        Message message = exchange.getMessage();
        OutboundMessage outbound = message.getMandatoryBody(OutboundMessage.class);
        message.removeHeaders("*");
        message.setHeader(TO, outbound.recipient());
        message.setHeader(FROM, settings.smsFrom());
        message.setHeader(BODY, outbound.bodyText());
        String callback = statusCallback(outbound.notificationId());
        if (callback != null) {
            message.setHeader(STATUS_CALLBACK, callback);
        }
        message.setBody(null);
        exchange.setProperty(Names.Property.OUTBOUND, outbound);
    }

    /**
     * Where Twilio reports this attempt's status, with the attempt's id in parameter {@code n} so the callback is
     * correlated: {@code herald.notifications.status-callback-url} when set, else
     * {@code herald.public-base-url + /api/v1/sms/status}; null when neither is set.
     */
    String statusCallback(String notificationId) {
        return statusCallback(settings.statusCallbackUrl(), publicBaseUrl, notificationId);
    }

    static String statusCallback(String configuredUrl, String publicBaseUrl, String notificationId) {
        String base = configuredUrl != null && !configuredUrl.isBlank() ? configuredUrl.strip()
                : publicBaseUrl == null || publicBaseUrl.isBlank() ? null
                : publicBaseUrl.strip().replaceAll("/+$", "") + STATUS_PATH;
        if (base == null) {
            return null;
        }
        return base + (base.contains("?") ? "&" : "?") + "n="
                + URLEncoder.encode(notificationId, StandardCharsets.UTF_8);
    }
}
