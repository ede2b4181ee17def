package io.herald.sms;

import io.herald.channel.Masking;
import io.herald.decide.PreferenceStore;
import io.herald.decide.QuietHours;
import io.herald.decide.RecipientZones;
import io.herald.feedback.Suppressions;
import io.herald.render.Brand;
import io.herald.render.MessageRenderer;
import io.herald.support.SqlFiles;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Answers an inbound SMS (docs/sms.md): records it in the conversation, acts on its keyword (STOP and START on the
 * number's opt-out, STATUS with the sender's open shipments), and answers in the language of the customer who has
 * the number, or the default one. With {@code herald.sms.keyword-replies: twilio}, Twilio's Advanced Opt-Out answers
 * STOP, START and HELP itself, so Herald only records them.
 */
@Component
class InboundSms {

    private static final Logger LOG = LoggerFactory.getLogger(InboundSms.class);

    /** The open shipments a STATUS answer lists at most. */
    static final int STATUS_SHIPMENTS = 3;

    /** The source an opt-out by keyword is recorded with in {@code sms_opt_out}. */
    static final String KEYWORD_SOURCE = "sms-keyword";

    /** The customer who has the number (the most recently updated one), or nobody known. */
    record Sender(String customerId, String locale, ZoneId zone) {
    }

    private final NamedParameterJdbcTemplate jdbc;
    private final SqlFiles sql;
    private final PreferenceStore preferences;
    private final SmsConversations conversations;
    private final Suppressions suppressions;
    private final MessageRenderer renderer;
    private final MeterRegistry meters;
    private final Clock clock;
    private final ZoneId defaultZone;
    private final boolean twilioAnswersKeywords;

    InboundSms(NamedParameterJdbcTemplate jdbc, SqlFiles sql, PreferenceStore preferences,
               SmsConversations conversations, Suppressions suppressions, MessageRenderer renderer, MeterRegistry meters,
               Clock clock, QuietHours quietHours, @Value("${herald.sms.keyword-replies:twilio}") String keywordReplies) {
        this.jdbc = jdbc;
        this.sql = sql;
        this.preferences = preferences;
        this.conversations = conversations;
        this.suppressions = suppressions;
        this.renderer = renderer;
        this.meters = meters;
        this.clock = clock;
        this.defaultZone = quietHours.defaultZone();
        this.twilioAnswersKeywords = switch (keywordReplies.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "twilio" -> true;
            case "herald" -> false;
            default -> throw new IllegalStateException(
                    "herald.sms.keyword-replies must be twilio or herald, not " + keywordReplies);
        };
    }

    /** Herald's answer to one inbound SMS from {@code from} (E.164), or null when Herald must not answer. */
    String answer(String from, String body, String messageSid) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        Keyword keyword = Keyword.of(body);
        Sender sender = sender(from);
        conversations.inbound(from, sender.customerId(), body == null ? "" : body, keyword, messageSid, now);
        Counter.builder("herald.sms.inbound").description("Inbound SMS, by keyword")
                .tag("keyword", keyword.tag()).register(meters).increment();
        // the number exists and texts: Twilio's refusals of it no longer hold (a STOP is lifted by START alone)
        if (suppressions.liftNumber(from) > 0) {
            LOG.info("An SMS from {}: the number is off the SMS suppression list", Masking.phone(from));
        }
        boolean stopped = preferences.load(null, from).smsStopped();
        switch (keyword) {
            case OPT_OUT -> preferences.optOutSms(from, now, KEYWORD_SOURCE);
            case OPT_IN -> preferences.optInSms(from, now);
            default -> {
            }
        }
        String name = replyName(body, stopped, twilioAnswersKeywords);
        String reply = name == null ? null : reply(name, "status".equals(name)
                ? Map.of("shipments", openShipments(from, sender)) : Map.of(), sender);
        if (reply != null) {
            conversations.reply(from, sender.customerId(), reply, now);
        }
        LOG.info("Inbound SMS {} from {}: {}, {}", messageSid, Masking.phone(from), keyword.tag(),
                reply == null ? "no answer" : "answered");
        return reply;
    }

    /**
     * Which answer an inbound body gets (a {@code replies} template's {@code reply}), or null for none: Twilio answers
     * its own keywords when it is set to (not Herald's other words for STOP); a STOP is confirmed once (a STOP from a
     * number already stopped gets nothing); a stopped number gets nothing but what it asks by keyword, as Twilio would
     * refuse the rest (21610).
     */
    static String replyName(String body, boolean stopped, boolean twilioAnswersKeywords) {
        Keyword keyword = Keyword.of(body);
        if (twilioAnswersKeywords && keyword.answeredByTwilio(body)) {
            return null;
        }
        return switch (keyword) {
            case OPT_OUT -> stopped ? null : "stopped";
            case OPT_IN -> "started";
            case HELP -> "help";
            case STATUS -> stopped ? null : "status";
            case OTHER -> stopped ? null : "other";
        };
    }

    private String reply(String name, Map<String, Object> values, Sender sender) {
        return renderer.reply(name, values, sender.locale());
    }

    private Sender sender(String phone) {
        return jdbc.query(sql.get("sms/find-phone-customers"), new MapSqlParameterSource("phone", phone),
                        (rs, n) -> new Sender(rs.getString("customer_id"), rs.getString("locale"),
                                RecipientZones.resolve(rs.getString("timezone"), null, phone, defaultZone)))
                .stream().findFirst()
                .orElseGet(() -> new Sender(null, null, RecipientZones.resolve(null, null, phone, defaultZone)));
    }

    /** The sender's open shipments, newest first, as the replies template reads them. */
    private List<Map<String, Object>> openShipments(String phone, Sender sender) {
        return jdbc.query(sql.get("sms/list-open-shipments"), new MapSqlParameterSource()
                .addValue("phone", phone).addValue("limit", STATUS_SHIPMENTS), (rs, n) -> {
            Map<String, Object> shipment = new HashMap<>();
            String orderId = rs.getString("order_id");
            String carrier = rs.getString("carrier");
            shipment.put("orderId", orderId);
            shipment.put("carrierName", Brand.carrierName(carrier));
            shipment.put("trackingNumber", rs.getString("tracking_number"));
            shipment.put("status", rs.getString("status"));
            String reason = rs.getString("exception_reason");
            if (reason != null) {
                shipment.put("exceptionReason", reason);
            }
            OffsetDateTime eta = rs.getObject("estimated_delivery", OffsetDateTime.class);
            if (eta != null) {
                shipment.put("estimatedDelivery", renderer.day(eta, sender.locale(), sender.zone()));
            }
            return shipment;
        });
    }
}
