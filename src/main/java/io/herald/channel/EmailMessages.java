package io.herald.channel;

import io.herald.config.HeraldProperties;
import io.herald.notify.OutboundMessage;
import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;
import org.apache.camel.Message;
import org.springframework.stereotype.Component;

/**
 * Shapes an outbound email for camel-mail: HTML body with the plain text as alternative. Every other header is
 * dropped first, because camel-mail turns message headers into MIME headers.
 */
@Component("emailMessages")
public class EmailMessages {

    /** camel-mail's header for the plain-text alternative of an HTML body. */
    static final String ALTERNATIVE_BODY = "CamelMailAlternativeBody";

    private final String from;

    public EmailMessages(HeraldProperties properties) {
        this.from = properties.notifications().emailFrom();
    }

    public void prepare(Exchange exchange) throws InvalidPayloadException {
        Message message = exchange.getMessage();
        OutboundMessage outbound = message.getMandatoryBody(OutboundMessage.class);
        message.removeHeaders("*");
        message.setHeader("To", outbound.recipient());
        message.setHeader("From", from);
        message.setHeader("Subject", outbound.subject());
        if (outbound.bodyHtml() != null) {
            message.setHeader(ALTERNATIVE_BODY, outbound.bodyText());
            message.setHeader("Content-Type", "text/html; charset=UTF-8");
            message.setBody(outbound.bodyHtml());
        } else {
            message.setHeader("Content-Type", "text/plain; charset=UTF-8");
            message.setBody(outbound.bodyText());
        }
        exchange.setProperty(ChannelProperties.OUTBOUND, outbound);
    }
}
