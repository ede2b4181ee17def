package io.herald.channel;

import io.herald.support.Names;
import io.herald.notify.NotificationLog;
import io.herald.notify.OutboundMessage;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/** What the channel routes record around a send: skip what is already sent, and log the hand-off. */
@Component("deliveries")
public class Deliveries {

    /** camel-mail's header with the Message-ID of the mail it sent. */
    private static final String MAIL_MESSAGE_ID = "CamelMailMessageId";

    private final NotificationLog log;

    public Deliveries(NotificationLog log) {
        this.log = log;
    }

    /** False for a redelivered message whose notification was already handed to its channel. */
    public boolean isPending(OutboundMessage message) {
        return !log.isSent(message.notificationId());
    }

    /** Marks the notification sent, with the provider's id: the mail's Message-ID, or Twilio's message SID. */
    public void sent(Exchange exchange) {
        OutboundMessage outbound = exchange.getProperty(Names.Property.OUTBOUND, OutboundMessage.class);
        Object mailId = exchange.getMessage().getHeader(MAIL_MESSAGE_ID);
        Object providerResult = mailId != null ? mailId : exchange.getMessage().getBody();
        log.markSent(outbound.notificationId(), outbound.channel(), providerResult, outbound.intakeAt());
    }
}
