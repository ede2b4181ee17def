package io.herald.channel;

import java.util.UUID;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The default run's SMS sink: takes the message that would go to Twilio and answers with a local message id. The
 * notification log keeps the message, and {@code /outbox} shows it.
 */
@Component("localSmsOutbox")
public class LocalSmsOutbox {

    private static final Logger LOG = LoggerFactory.getLogger(LocalSmsOutbox.class);

    public String send(Exchange exchange) {
        String to = exchange.getMessage().getHeader(SmsMessages.TO, String.class);
        String body = exchange.getMessage().getHeader(SmsMessages.BODY, String.class);
        if (to == null || body == null || body.isBlank()) {
            throw new UndeliverableMessageException("An SMS needs a recipient and a body");
        }
        String id = "LOCAL" + UUID.randomUUID().toString().replace("-", "");
        LOG.info("SMS {} to {} kept in the local outbox ({} characters)", id, Masking.phone(to),
                body.length());
        return id;
    }
}
