package io.herald.channel;

import io.herald.support.Names;
import com.twilio.type.PhoneNumber;
import io.herald.config.HeraldProperties;
import io.herald.notify.OutboundMessage;
import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;
import org.apache.camel.Message;
import org.springframework.stereotype.Component;

/**
 * Shapes an outbound SMS as camel-twilio's {@code message/creator} expects it: {@code CamelTwilio.to},
 * {@code CamelTwilio.from}, {@code CamelTwilio.body} and, when configured, {@code CamelTwilio.statusCallback}. The
 * default run's local outbox reads the same headers.
 */
@Component("smsMessages")
public class SmsMessages {

    static final String TO = "CamelTwilio.to";
    static final String FROM = "CamelTwilio.from";
    static final String BODY = "CamelTwilio.body";
    static final String STATUS_CALLBACK = "CamelTwilio.statusCallback";

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
        exchange.setProperty(Names.Property.OUTBOUND, outbound);
    }
}
