package io.herald.notify;

import java.util.List;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Publishes channel messages whose attempts were recorded DECIDED outside the decide stage's routes, once the
 * transaction that recorded them committed: an operator's retry, a lifted suppression's resend, a critical alert's
 * fallback after a provider's report. Through {@code direct:notifications-publish}, as the decide stage publishes.
 * One that cannot be published now stays DECIDED, and the republish sweep
 * ({@code herald.notifications.republish-after}) publishes it.
 */
@Component
public class OutboundPublisher {

    private static final Logger LOG = LoggerFactory.getLogger(OutboundPublisher.class);
    private static final String PUBLISH = "direct:notifications-publish";

    private final ProducerTemplate producer;

    public OutboundPublisher(ProducerTemplate producer) {
        this.producer = producer;
    }

    /** Publishes the messages; a failure is logged, not thrown: the attempts are recorded, and the sweep takes them. */
    public void publish(List<OutboundMessage> messages) {
        if (messages.isEmpty()) {
            return;
        }
        try {
            producer.sendBody(PUBLISH, messages);
        } catch (RuntimeException e) {
            LOG.warn("Notifications {} are recorded but not published yet; the republish sweep publishes them: {}",
                    messages.stream().map(OutboundMessage::notificationId).toList(), e.getMessage());
        }
    }
}
