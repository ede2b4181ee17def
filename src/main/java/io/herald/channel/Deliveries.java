package io.herald.channel;

import io.herald.support.Names;
import io.herald.notify.NotificationLog;
import io.herald.notify.OutboundMessage;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * What the channel routes record around a hand-off, so that a notification reaches its channel at most once unless
 * the hand-off itself failed: skip what is already sent, record SENDING right before the hand-off and SENT right
 * after, put a hand-off that failed for sure back to DECIDED for the retry, and leave one without a known outcome
 * UNKNOWN for reconciliation instead of sending it again.
 */
@Component("deliveries")
public class Deliveries {

    private static final Logger LOG = LoggerFactory.getLogger(Deliveries.class);

    /** camel-mail's header with the Message-ID of the mail it sent. */
    private static final String MAIL_MESSAGE_ID = "CamelMailMessageId";

    private final NotificationLog log;
    private final DeliveryErrors errors;

    public Deliveries(NotificationLog log, DeliveryErrors errors) {
        this.log = log;
        this.errors = errors;
    }

    /**
     * False for a redelivered message whose attempt was already sent, failed or left UNKNOWN; true for DECIDED, and
     * for SENDING, which {@link #claim} then marks UNKNOWN.
     */
    public boolean isPending(OutboundMessage message) {
        return log.stateOf(message.notificationId()).map(state -> "DECIDED".equals(state) || "SENDING".equals(state))
                .orElse(true);
    }

    /**
     * Records SENDING right before the hand-off (a conditional update from DECIDED). An attempt found SENDING was
     * handed over before without an answer recorded (a crash between the hand-off and the record): it is marked
     * UNKNOWN and counted, not sent again. Answers whether to hand the message over.
     */
    public boolean claim(Exchange exchange) {
        OutboundMessage outbound = outbound(exchange);
        if (log.claim(outbound.notificationId())) {
            return true;
        }
        if (log.stateOf(outbound.notificationId()).filter("SENDING"::equals).isPresent()) {
            log.markUnknown(outbound.notificationId(), outbound.channel(),
                    "Handed to the channel before without a recorded outcome; left for reconciliation");
            LOG.warn("Notification {} ({}) was handed to its channel before without a recorded outcome; "
                    + "marked UNKNOWN, not sent again", outbound.notificationId(), outbound.channel());
        }
        return false;
    }

    /**
     * After a failed hand-off. An unknown outcome (a timeout after the request was written) marks the attempt UNKNOWN
     * and ends the exchange without a retry. Any other failure puts the attempt back to DECIDED, sets the redelivery
     * delay a provider asked for with Retry-After, and is thrown again for the route's retries or dead letter.
     */
    public void failed(Exchange exchange) throws Exception {
        OutboundMessage outbound = outbound(exchange);
        Exception caught = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        if (errors.isUnknownOutcome(caught)) {
            log.markUnknown(outbound.notificationId(), outbound.channel(), "No answer after the hand-off: "
                    + DeliveryErrors.describe(caught));
            LOG.warn("Notification {} ({}): no answer after the hand-off; marked UNKNOWN, not sent again",
                    outbound.notificationId(), outbound.channel());
            exchange.setRouteStop(true);
            return;
        }
        log.release(outbound.notificationId());
        errors.retryAfterMillis(caught).ifPresentOrElse(
                delay -> exchange.getIn().setHeader(Exchange.REDELIVERY_DELAY, delay),
                () -> exchange.getIn().removeHeader(Exchange.REDELIVERY_DELAY));
        throw caught;
    }

    /** Marks the notification sent, with the provider's id: the mail's Message-ID, or Twilio's message SID. */
    public void sent(Exchange exchange) {
        OutboundMessage outbound = outbound(exchange);
        Object mailId = exchange.getMessage().getHeader(MAIL_MESSAGE_ID);
        Object providerResult = mailId != null ? mailId : exchange.getMessage().getBody();
        log.markSent(outbound.notificationId(), outbound.channel(), providerResult, outbound.intakeAt());
    }

    private static OutboundMessage outbound(Exchange exchange) {
        return exchange.getProperty(Names.Property.OUTBOUND, OutboundMessage.class);
    }
}
