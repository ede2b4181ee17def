package io.herald.channel.twilio;

import com.twilio.exception.ApiException;
import java.time.Duration;

/**
 * Twilio did not accept the message (429 or 5xx) and said with {@code Retry-After} when to try again. The SDK's own
 * {@link ApiException} carries no response headers, so {@link BaseUrlHttpClient} throws this one instead.
 */
public class RetryAfterException extends ApiException {

    private static final long serialVersionUID = 1L;

    private final transient Duration retryAfter;

    RetryAfterException(String message, Integer code, Integer status, Duration retryAfter) {
        super(message, code, null, status, null);
        this.retryAfter = retryAfter;
    }

    /** How long Twilio asked to wait before the next attempt. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
