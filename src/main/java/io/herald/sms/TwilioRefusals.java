package io.herald.sms;

import io.herald.channel.Masking;
import io.herald.channel.twilio.TwilioApiException;
import io.herald.decide.PreferenceStore;
import io.herald.notify.Notification;
import io.herald.notify.NotificationLog;
import io.herald.support.Names;
import java.time.Clock;
import java.time.OffsetDateTime;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * What a refusal of Twilio's says about the number. Error 21610 (PROTOCOLS.md) means the recipient sent STOP to the
 * sender where Herald did not hear it: to another of the retailer's numbers behind the same Messaging Service, or
 * while Herald's inbound webhook was unreachable. Twilio refuses every SMS to the number from then on, at once (the
 * API's answer) or, behind a Messaging Service, in a {@code failed} status callback; either way Herald records the
 * STOP as if it had received it ({@code sms_opt_out}, source {@value #SOURCE}): the number's next
 * messages are not tried, each to be refused and dead-lettered, and its critical alerts go by email at once. A START
 * from the number lifts it, as any STOP.
 */
@Component("twilioRefusals")
public class TwilioRefusals {

    private static final Logger LOG = LoggerFactory.getLogger(TwilioRefusals.class);

    /** Twilio's error code for a message to a recipient who opted out. */
    static final int UNSUBSCRIBED_RECIPIENT = 21610;

    /** The source such a STOP is recorded with in {@code sms_opt_out}. */
    static final String SOURCE = "twilio-21610";

    private final PreferenceStore preferences;
    private final NotificationLog notifications;
    private final Clock clock;

    TwilioRefusals(PreferenceStore preferences, NotificationLog notifications, Clock clock) {
        this.preferences = preferences;
        this.notifications = notifications;
        this.clock = clock;
    }

    /**
     * On the dead letter's way, once {@code deadLetters.record} has named the failed attempt: when Twilio refused the
     * SMS with 21610, records the STOP of its recipient. Any other failure changes nothing.
     */
    public void noteUnsubscribed(Exchange exchange) {
        String attemptId = exchange.getProperty(Names.Property.FAILED_NOTIFICATION, String.class);
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        if (attemptId != null && unsubscribedRecipient(failure)) {
            recordStopOf(attemptId);
        }
    }

    /**
     * A status callback that moved the SMS attempt to a failed state: with error 21610, records the STOP of its
     * recipient. Only a report that moved the attempt counts, so the same report again, after a START, stops nobody.
     */
    void reported(String attemptId, String errorCode) {
        if (errorCode != null && String.valueOf(UNSUBSCRIBED_RECIPIENT).equals(errorCode.strip())) {
            recordStopOf(attemptId);
        }
    }

    private void recordStopOf(String attemptId) {
        notifications.findById(attemptId).filter(n -> "sms".equals(n.channel()))
                .map(Notification::recipient).filter(phone -> phone != null && phone.startsWith("+"))
                .ifPresent(this::recordStop);
    }

    private void recordStop(String phone) {
        preferences.optOutSms(phone, OffsetDateTime.now(clock), SOURCE);
        LOG.info("Twilio refused an SMS to {} as unsubscribed ({}): the number is recorded as stopped",
                Masking.phone(phone), UNSUBSCRIBED_RECIPIENT);
    }

    static boolean unsubscribedRecipient(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof TwilioApiException refused) {
                return refused.code() != null && refused.code() == UNSUBSCRIBED_RECIPIENT;
            }
        }
        return false;
    }
}
