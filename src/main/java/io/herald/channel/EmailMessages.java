package io.herald.channel;

import io.herald.support.Names;
import io.herald.notify.OutboundMessage;
import io.herald.render.Brand;
import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;
import org.apache.camel.Message;
import org.springframework.stereotype.Component;

/**
 * Shapes an outbound email for camel-mail: HTML body with the plain text as alternative, From the brand's address for
 * its type (critical alerts and optional types come from addresses that can be told apart). Every other header is
 * dropped first, because camel-mail turns message headers into MIME headers.
 */
@Component("emailMessages")
public class EmailMessages {

    /** camel-mail's header for the plain-text alternative of an HTML body. */
    static final String ALTERNATIVE_BODY = "CamelMailAlternativeBody";

    private final Brand brand;

    public EmailMessages(Brand brand) {
        this.brand = brand;
    }

    public void prepare(Exchange exchange) throws InvalidPayloadException {
        Message message = exchange.getMessage();
        OutboundMessage outbound = message.getMandatoryBody(OutboundMessage.class);
        message.removeHeaders("*");
        message.setHeader("To", outbound.recipient());
        message.setHeader("From", brand.emailFrom(outbound.type()));
        message.setHeader("Subject", outbound.subject());
        if (outbound.bodyHtml() != null) {
            message.setHeader(ALTERNATIVE_BODY, outbound.bodyText());
            message.setHeader("Content-Type", "text/html; charset=UTF-8");
            message.setBody(outbound.bodyHtml());
        } else {
            message.setHeader("Content-Type", "text/plain; charset=UTF-8");
            message.setBody(outbound.bodyText());
        }
        exchange.setProperty(Names.Property.OUTBOUND, outbound);
    }
}
