package io.herald.sms;

import io.herald.channel.Masking;
import io.herald.channel.twilio.TwilioApiException;
import io.herald.decide.PreferenceStore;
import io.herald.notify.Notification;
import io.herald.notify.NotificationLog;
import io.herald.support.Names;
import io.herald.support.SqlFiles;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Set;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * What a refusal of Twilio's says about the number (PROTOCOLS.md, docs/sms.md), from the API's answer (on the dead
 * letter's way) or from a status callback that moved the attempt to a failed state.
 * <ul>
 *   <li>Error 21610: the recipient sent STOP to the sender where Herald did not hear it (another of the retailer's
 *   numbers behind the same Messaging Service, or while Herald's inbound webhook was unreachable). Herald records the
 *   STOP as if it had received it ({@code sms_opt_out}, source {@value #STOP_SOURCE}); a START lifts it.</li>
 *   <li>Errors 21211 (not a valid phone number), 21614 (not a mobile number), 30005 (unknown destination, no longer
 *   in service) and 30006 (a landline, or a carrier the sender cannot reach): the number cannot take an SMS. Herald
 *   puts it on the SMS suppression list ({@code sms_suppression}), and the decide stage treats it as missing, as it
 *   treats an email address that bounced; an SMS from the number lifts it.</li>
 * </ul>
 * Either way the number's next messages are not tried, each to be refused and dead-lettered, and its critical alerts
 * go by email at once. Any other error (30003, a handset switched off; 30007, the carrier filtering the text) says
 * nothing lasting about the number.
 */
@Component("twilioRefusals")
public class TwilioRefusals {

    private static final Logger LOG = LoggerFactory.getLogger(TwilioRefusals.class);

    /** Twilio's error code for a message to a recipient who opted out. */
    static final int UNSUBSCRIBED_RECIPIENT = 21610;

    /** Twilio's error codes for a number that cannot take an SMS. */
    static final Set<Integer> UNREACHABLE_NUMBER = Set.of(21211, 21614, 30005, 30006);

    /** The source a STOP learnt from Twilio is recorded with in {@code sms_opt_out}. */
    static final String STOP_SOURCE = "twilio-21610";

    private final PreferenceStore preferences;
    private final NotificationLog notifications;
    private final NamedParameterJdbcTemplate jdbc;
    private final SqlFiles sql;
    private final MeterRegistry meters;
    private final Clock clock;

    TwilioRefusals(PreferenceStore preferences, NotificationLog notifications, NamedParameterJdbcTemplate jdbc,
                   SqlFiles sql, MeterRegistry meters, Clock clock) {
        this.preferences = preferences;
        this.notifications = notifications;
        this.jdbc = jdbc;
        this.sql = sql;
        this.meters = meters;
        this.clock = clock;
    }

    /**
     * On the dead letter's way, once {@code deadLetters.record} has named the failed attempt: when Twilio's API
     * refused the SMS for what its number is, records so. Any other failure changes nothing.
     */
    public void noteRefusal(Exchange exchange) {
        String attemptId = exchange.getProperty(Names.Property.FAILED_NOTIFICATION, String.class);
        Integer code = apiErrorCode(exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class));
        if (attemptId != null && code != null) {
            refused(attemptId, code);
        }
    }

    /**
     * A status callback that moved the SMS attempt to a failed state, with Twilio's {@code ErrorCode}. Only a report
     * that moved the attempt counts, so the same report again, after a START, stops nobody.
     */
    void reported(String attemptId, String errorCode) {
        if (errorCode != null && errorCode.strip().matches("\\d{1,9}")) {
            refused(attemptId, Integer.parseInt(errorCode.strip()));
        }
    }

    private void refused(String attemptId, int code) {
        if (code != UNSUBSCRIBED_RECIPIENT && !UNREACHABLE_NUMBER.contains(code)) {
            return;
        }
        notifications.findById(attemptId).filter(n -> "sms".equals(n.channel()))
                .map(Notification::recipient).filter(phone -> phone != null && phone.startsWith("+"))
                .ifPresent(phone -> {
                    if (code == UNSUBSCRIBED_RECIPIENT) {
                        recordStop(phone);
                    } else {
                        suppress(phone, code, attemptId);
                    }
                });
    }

    private void recordStop(String phone) {
        preferences.optOutSms(phone, OffsetDateTime.now(clock), STOP_SOURCE);
        LOG.info("Twilio refused an SMS to {} as unsubscribed ({}): the number is recorded as stopped",
                Masking.phone(phone), UNSUBSCRIBED_RECIPIENT);
    }

    private void suppress(String phone, int code, String attemptId) {
        int added;
        try {
            added = jdbc.update(sql.get("feedback/insert-sms-suppression"), new MapSqlParameterSource()
                    .addValue("phone", phone).addValue("errorCode", code).addValue("notificationId", attemptId)
                    .addValue("now", OffsetDateTime.now(clock)));
        } catch (DuplicateKeyException sameReportAtOnce) {
            added = 0; // the same refusal, recorded by another thread or instance a moment before
        }
        if (added == 0) {
            return;
        }
        Counter.builder("herald.sms.suppressions").description("Twilio's refusals that put a number on the SMS "
                + "suppression list, by error code").tag("code", String.valueOf(code)).register(meters).increment();
        LOG.info("Twilio refused an SMS to {} with {}: the number is on the SMS suppression list",
                Masking.phone(phone), code);
    }

    /** Twilio's error code, when the failure is a refusal of Twilio's API; null for any other failure. */
    static Integer apiErrorCode(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof TwilioApiException refused) {
                return refused.code();
            }
        }
        return null;
    }
}
