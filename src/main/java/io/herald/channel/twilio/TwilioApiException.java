package io.herald.channel.twilio;

import java.util.Map;
import org.apache.camel.http.base.HttpOperationFailedException;

/**
 * Twilio answered a message with an error: its HTTP status, its headers ({@code Retry-After}) and Twilio's error code
 * (21211 an invalid number, 21610 an unsubscribed recipient, 20429 too many requests). Twilio's own message is left
 * out, as it quotes the recipient's number; the code's page says what it means.
 */
public class TwilioApiException extends HttpOperationFailedException {

    private static final long serialVersionUID = 1L;

    private final Integer code;
    private final String moreInfo;

    TwilioApiException(String uri, int status, Map<String, String> headers, Integer code, String moreInfo) {
        super(uri, status, null, null, headers, null);
        this.code = code;
        this.moreInfo = moreInfo;
    }

    /** Twilio's error code, when its answer had one. */
    public Integer code() {
        return code;
    }

    @Override
    public String getMessage() {
        return "Twilio answered " + getStatusCode() + (code == null ? "" : " with error " + code)
                + (moreInfo == null ? "" : " (" + moreInfo + ")");
    }
}
