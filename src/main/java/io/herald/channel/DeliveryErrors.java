package io.herald.channel;

import jakarta.mail.internet.AddressException;
import io.herald.channel.twilio.TwilioApiException;
import io.herald.support.RetryAfter;
import java.net.SocketTimeoutException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.camel.Exchange;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;
import org.eclipse.angus.mail.util.MailConnectException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Sorts delivery failures. <em>Permanent</em>: an answer that retries will not change, failed at once with its code:
 * a Twilio 4xx (a bad number, an unsubscribed recipient; not 408 or 429, nor a refusal of the account itself:
 * {@link #refusesTheAccount}), an SMTP 5xx reply (550 mailbox
 * unavailable), a malformed address, a message without its recipient or body ({@link UndeliverableMessageException}),
 * a 4xx of the push channel's app backend (not 408 or 429). <em>Unknown outcome</em>: a read timeout after the
 * request was written, when the provider may have accepted the message (Deliveries retries it on push, whose backend
 * recognises a resend). Everything else (refused or timed-out connections, SMTP 4xx, Twilio and app backend 5xx and
 * 429) failed for sure and is retried, after the provider's Retry-After when it gave one; a recipient the SMTP relay
 * deferred ({@link #recipientDeferral}), or a 500 for one message while its channel delivers others
 * ({@link #mayConcernTheMessageAlone}), is tried again later without holding the channel (Deliveries), and an attempt
 * deferred too often ({@link DeferredTooOftenException}) is permanent.
 */
@Component("deliveryErrors")
public class DeliveryErrors {

    /** An enhanced status code (RFC 3463) of a mailbox that is not there, after the reply code if any. */
    private static final Pattern NO_SUCH_MAILBOX =
            Pattern.compile("^\\s*(?:5\\d\\d[ -])?\\s*5\\.(?:1\\.(?:0|1|2|3|6|10)|2\\.1)(?!\\.?\\d)");

    /** Twilio's error for a From number that is not a valid phone number, short code or sender ID of the account. */
    private static final int INVALID_SENDER = 21212;

    private final long maximumRetryAfter;
    private final Clock clock;

    public DeliveryErrors(@Value("${herald.retry.maximum-retry-after:300000}") long maximumRetryAfter, Clock clock) {
        this.maximumRetryAfter = maximumRetryAfter;
        this.clock = clock;
    }

    public boolean isPermanent(Exchange exchange) {
        Throwable caught = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        for (Throwable t = caught; t != null; t = t.getCause()) {
            if (t instanceof HttpOperationFailedException http) {
                return isPermanentHttpStatus(http.getStatusCode()) && !refusesTheAccount(http);
            }
            int smtpCode = smtpReturnCode(t);
            if (smtpCode > 0) {
                return smtpCode >= 500 && smtpCode < 600;
            }
            if (t instanceof AddressException || t instanceof UndeliverableMessageException
                    || t instanceof DeferredTooOftenException) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    /**
     * Whether the channel may have accepted the message although the hand-off failed: a timeout while waiting for
     * the answer to a request that was written. A connection that could not be opened, or a provider's answer, is
     * a known outcome.
     */
    public boolean isUnknownOutcome(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (neverWentOut(t) || smtpReturnCode(t) > 0 || t instanceof HttpOperationFailedException) {
                return false;
            }
            if (t instanceof HttpTimeoutException) {
                return true; // the JDK's HTTP client (Twilio): no answer in time to a request that went out
            }
            if (t instanceof SocketTimeoutException timeout) {
                String message = timeout.getMessage() == null ? "" : timeout.getMessage().toLowerCase();
                return !message.contains("connect");
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    /**
     * Whether this failure may concern the message alone rather than its provider: an HTTP answer of 500, or of
     * another 5xx but 502, 503 and 504 (Twilio, the push channel's app backend). A gateway's or an unavailable
     * service's answer, a 429, a timeout, a connection that failed or was cut, and an SMTP reply are the provider's
     * or the network's, which every message would meet (a recipient the relay deferred is {@link #recipientDeferral}).
     */
    public static boolean mayConcernTheMessageAlone(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof HttpOperationFailedException http) {
                int status = http.getStatusCode();
                return status >= 500 && status != 502 && status != 503 && status != 504;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    /**
     * The relay's reply when it deferred the recipient itself: a 4xx reply to RCPT TO (450 mailbox busy, 451 a lookup
     * that failed for now, 452 mailbox full; RFC 5321, section 4.2), which concerns that one mailbox, so the channel's
     * other messages go on meanwhile. Empty for any other failure, among them a 421 (the relay is closing the
     * connection) and a 4xx to MAIL FROM or DATA, which every message would meet.
     */
    public static Optional<SMTPAddressFailedException> recipientDeferral(Throwable failure) {
        return recipientReply(failure).filter(refused -> refused.getReturnCode() >= 400
                && refused.getReturnCode() < 500 && refused.getReturnCode() != 421);
    }

    /**
     * The relay's reply when it refused the recipient's address for good: a 5xx reply to RCPT TO whose enhanced status
     * code (RFC 3463) says the mailbox is not there: 5.1.0 (other address status), 5.1.1 (no such mailbox), 5.1.2 (no
     * such domain), 5.1.3 (a malformed address), 5.1.6 (moved), 5.1.10 (the domain takes no mail) or 5.2.1 (disabled).
     * Empty for any other failure, among them a policy refusal (5.7.x: relaying denied, authentication required),
     * which says nothing of the address, a full mailbox (5.2.2), and a reply without an enhanced code.
     */
    public static Optional<SMTPAddressFailedException> recipientRejected(Throwable failure) {
        return recipientReply(failure).filter(refused -> refused.getReturnCode() >= 500
                && refused.getReturnCode() < 600 && refused.getMessage() != null
                && NO_SUCH_MAILBOX.matcher(refused.getMessage()).find());
    }

    /**
     * Whether this failure concerns the message or its recipient alone, not the provider: the relay's reply to RCPT
     * TO, a malformed address, a message without its recipient or body, one deferred too often, and a permanent HTTP
     * answer (Twilio's 21211 for a bad number, a push backend's 404 for a customer without a device), but not one
     * refusing Herald itself, which every message meets: Twilio refusing the account ({@link #refusesTheAccount}) or
     * its sender number (21212), a push backend refusing Herald's signature (401, 403). The {@code channels} health
     * component counts the other failures.
     */
    public static boolean concernsTheMessage(Throwable failure) {
        if (recipientReply(failure).isPresent()) {
            return true;
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof AddressException || t instanceof UndeliverableMessageException
                    || t instanceof DeferredTooOftenException) {
                return true;
            }
            if (t instanceof HttpOperationFailedException http) {
                int status = http.getStatusCode();
                return isPermanentHttpStatus(status) && status != 401 && status != 403 && !refusesTheAccount(http)
                        && !(http instanceof TwilioApiException twilio && Integer.valueOf(INVALID_SENDER)
                                .equals(twilio.code()));
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    /** The relay's reply to RCPT TO that the failure carries, if it is one; not looked for past another reply. */
    private static Optional<SMTPAddressFailedException> recipientReply(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SMTPAddressFailedException refused) {
                return Optional.of(refused);
            }
            if (smtpReturnCode(t) > 0 || t instanceof HttpOperationFailedException || t.getCause() == t) {
                break;
            }
        }
        return Optional.empty();
    }

    /**
     * Whether this failure is a connection that could not be opened (refused, or not opened in time): the request
     * never went out, so the provider cannot have the message.
     */
    public static boolean neverWentOut(Throwable failure) {
        return failure instanceof MailConnectException || failure instanceof java.net.ConnectException
                || failure instanceof org.apache.hc.client5.http.ConnectTimeoutException
                || failure instanceof HttpConnectTimeoutException;
    }

    /** The delay a provider asked for before the next attempt (Twilio's or the app backend's Retry-After), capped. */
    public Optional<Long> retryAfterMillis(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof HttpOperationFailedException http
                    && (http.getStatusCode() == 429 || http.getStatusCode() >= 500)) {
                Optional<Duration> wait = RetryAfter.of(http.getResponseHeaders(), clock.instant());
                if (wait.isPresent()) {
                    return Optional.of(Math.min(wait.get().toMillis(), maximumRetryAfter));
                }
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return Optional.empty();
    }

    /**
     * Twilio refusing Herald's account rather than the message: credentials it does not take or an account suspended
     * (401, error 20003), a permission denied (403), an account SID it does not know in the URL (404, error 20404).
     * Every message meets it until the configuration is mended (a token rotated but not updated, say), so it is
     * retried as an outage is, rather than each message failing at once.
     */
    private static boolean refusesTheAccount(HttpOperationFailedException http) {
        int status = http.getStatusCode();
        return http instanceof TwilioApiException && (status == 401 || status == 403 || status == 404);
    }

    /** An HTTP answer that retries will not change: a 4xx, but 408 (timeout) and 429 (too many requests). */
    private static boolean isPermanentHttpStatus(int status) {
        return status >= 400 && status < 500 && status != 408 && status != 429;
    }

    /** The failure's class and message, innermost first, for the log's reason column. */
    static String describe(Throwable failure) {
        Throwable root = failure;
        while (root != null && root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == null ? "unknown failure" : root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    /** The SMTP server's reply code carried by a jakarta.mail exception, or 0. */
    private static int smtpReturnCode(Throwable t) {
        if (t instanceof SMTPAddressFailedException e) {
            return e.getReturnCode();
        }
        if (t instanceof SMTPSendFailedException e) {
            return e.getReturnCode();
        }
        if (t instanceof SMTPSenderFailedException e) {
            return e.getReturnCode();
        }
        return 0;
    }
}
