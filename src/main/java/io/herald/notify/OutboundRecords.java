package io.herald.notify;

import io.herald.support.Names;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.kafka.KafkaConstants;
import org.springframework.stereotype.Component;

/** The Kafka records of channel messages on their way to herald.outbound.&lt;channel&gt; (notifications-publish). */
@Component("outboundRecords")
public class OutboundRecords {

    /**
     * Keys the record of the {@link OutboundMessage} in the body by its notification id, and names its channel in the
     * header {@code heraldChannel}, which chooses the topic. In Java rather than as Simple's
     * {@code ${body.notificationId}}, which copies the whole exchange to call one getter.
     */
    public void keyed(Exchange exchange) {
        Message message = exchange.getMessage();
        OutboundMessage outbound = message.getBody(OutboundMessage.class);
        message.setHeader(KafkaConstants.KEY, outbound.notificationId());
        message.setHeader(Names.Header.CHANNEL, outbound.channel());
    }
}
