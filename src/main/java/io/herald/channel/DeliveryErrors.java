package io.herald.channel;

import com.twilio.exception.ApiException;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * Tells a permanent delivery failure from a passing one. A provider's 4xx answer (a bad number, an unsubscribed
 * recipient) will not get better with retries; timeouts, refused connections and 5xx answers might.
 */
@Component("deliveryErrors")
public class DeliveryErrors {

    public boolean isPermanent(Exchange exchange) {
        Throwable caught = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        for (Throwable t = caught; t != null; t = t.getCause()) {
            if (t instanceof ApiException api && api.getStatusCode() != null) {
                int status = api.getStatusCode();
                return status >= 400 && status < 500 && status != 408 && status != 429;
            }
            if (t instanceof jakarta.mail.internet.AddressException) {
                return true;
            }
        }
        return false;
    }
}
