package io.herald.channel;

import com.twilio.type.PhoneNumber;
import io.herald.config.HeraldProperties;
import io.herald.notify.OutboundMessage;
import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;
import org.apache.camel.Message;
import org.springframework.stereotype.Component;

/**
 * Shapes an outbound SMS as camel-twilio's {@code message/creator} expects it: {@code CamelTwilio.To},
 * {@code CamelTwilio.From}, {@code CamelTwilio.Body} and, when configured, {@code CamelTwilio.StatusCallback}. The
 * default run's local outbox reads the same headers.
 */
@Component("smsMessages")
public class SmsMessages {

    static final String TO = "CamelTwilio.To";
    static final String FROM = "CamelTwilio.From";
    static final String BODY = "CamelTwilio.Body";
    static final String STATUS_CALLBACK = "CamelTwilio.StatusCallback";

    private final HeraldProperties.Notifications settings;

    public SmsMessages(HeraldProperties properties) {
        this.settings = properties.notifications();
    }

    public void prepare(Exchange exchange) throws InvalidPayloadException {
        Message message = exchange.getMessage();
        OutboundMessage outbound = message.getMandatoryBody(OutboundMessage.class);
        message.removeHeaders("*");
        message.setHeader(TO, new PhoneNumber(outbound.recipient()));
        message.setHeader(FROM, new PhoneNumber(settings.smsFrom()));
        message.setHeader(BODY, outbound.bodyText());
        if (!settings.statusCallbackUrl().isBlank()) {
            message.setHeader(STATUS_CALLBACK, settings.statusCallbackUrl());
        }
        message.setBody(null);
        exchange.setProperty(ChannelProperties.OUTBOUND, outbound);
    }
}
