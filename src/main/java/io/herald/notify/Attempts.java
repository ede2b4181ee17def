package io.herald.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.herald.customer.PageLinks;
import io.herald.decide.Decisions.Recipient;
import io.herald.decide.Subject;
import io.herald.render.MessageFacts;
import io.herald.render.MessageRenderer;
import io.herald.render.RenderedMessage;
import io.herald.sms.SmsConversations;
import io.herald.support.SqlFiles;
import io.herald.support.TimeOrderedIds;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Turns a decision into channel attempts: renders the message for each channel in the recipient's language and
 * zone, records it as DECIDED with an id of its own (the email's Message-ID, the SMS's correlation), and gives the
 * message to publish. An attempt is unique per decision and channel: a decision released twice, or an event
 * redelivered after a crash, finds the attempt already recorded and publishes it again only if it is not sent yet.
 */
@Component
public class Attempts {

    private final NamedParameterJdbcTemplate jdbc;
    private final SqlFiles sql;
    private final NotificationLog log;
    private final MessageRenderer renderer;
    private final ObjectMapper json;
    private final PageLinks pageLinks;
    private final SmsConversations conversations;
    private final TimeOrderedIds ids;

    public Attempts(NamedParameterJdbcTemplate jdbc, SqlFiles sql, NotificationLog log, MessageRenderer renderer,
                    ObjectMapper json, PageLinks pageLinks, SmsConversations conversations, TimeOrderedIds ids) {
        this.ids = ids;
        this.jdbc = jdbc;
        this.sql = sql;
        this.log = log;
        this.renderer = renderer;
        this.json = json;
        this.pageLinks = pageLinks;
        this.conversations = conversations;
    }

    /** Records and renders one attempt per channel; answers the messages to publish. */
    public List<OutboundMessage> create(String decisionId, Subject subject, MessageFacts decided, Recipient recipient,
                                        List<String> channels, Instant now, long intakeAt) {
        if (channels.isEmpty()) {
            return List.of();
        }
        MessageFacts facts = complete(decided, recipient);
        String zone = recipient.zone() == null ? null : recipient.zone().getId();
        List<OutboundMessage> outbound = new ArrayList<>();
        for (String channel : channels) {
            if (!renderer.supports(channel, facts.type())) {
                continue;
            }
            // the first SMS to a number carries the opt-out notice (docs/sms.md, "Consent")
            boolean firstSms = "sms".equals(channel) && conversations.needsOptOutNotice(recipient.address(channel));
            RenderedMessage message = renderer.render(facts, channel, recipient.locale(), recipient.zone(),
                    pageLinks.forMessage(facts.orderId(), recipient.customerId()), firstSms);
            String id = ids.next();
            var params = new MapSqlParameterSource()
                    .addValue("id", id)
                    .addValue("decisionId", decisionId)
                    .addValue("subjectKey", subject.key())
                    .addValue("type", facts.type())
                    .addValue("channel", channel)
                    .addValue("orderId", facts.orderId())
                    .addValue("carrier", subject.carrier())
                    .addValue("trackingNumber", subject.trackingNumber())
                    .addValue("customerId", recipient.customerId())
                    .addValue("locale", message.locale())
                    .addValue("recipient", recipient.address(channel))
                    .addValue("recipientZone", zone)
                    .addValue("subject", message.subject())
                    .addValue("bodyText", message.text())
                    .addValue("bodyHtml", message.html())
                    .addValue("segments", "sms".equals(channel) ? message.segments() : null)
                    .addValue("optOutNotice", firstSms)
                    .addValue("eventOccurredAt", facts.occurredAt())
                    .addValue("now", now.atOffset(ZoneOffset.UTC));
            try {
                log.insert(params);
            } catch (DuplicateKeyException raced) {
                continue;
            }
            outbound.add(new OutboundMessage(id, facts.type(), channel, recipient.address(channel), message.locale(),
                    message.subject(), message.text(), message.html(), intakeAt, zone));
        }
        return outbound;
    }

    /**
     * The attempts of a decision that are recorded but may never have reached their outbound topic, to publish again
     * when the decision's event comes again (its batch committed, its offsets did not). One that its channel deferred,
     * set aside or held for the recipient's quiet hours is DECIDED too, but waits for the republish sweep, which checks
     * that it is still current.
     */
    public List<OutboundMessage> unsent(String decisionId, long intakeAt) {
        return log.unsentAttemptsOf(decisionId).stream().map(n -> OutboundMessage.of(n, intakeAt)).toList();
    }

    /**
     * The attempts of the decisions an event triggered that are recorded but may never have reached their outbound
     * topic, to publish again when the event comes again as a duplicate, as {@link #unsent} does for one decision.
     */
    public List<OutboundMessage> unsentOfTrigger(String subjectKey, String fingerprint, long intakeAt) {
        return log.unsentAttemptsOfTrigger(subjectKey, fingerprint).stream()
                .map(n -> OutboundMessage.of(n, intakeAt)).toList();
    }

    /** The decided facts, with the customer's name and the order's details as they are known now. */
    private MessageFacts complete(MessageFacts f, Recipient recipient) {
        String orderId = f.orderId() != null ? f.orderId() : recipient.orderId();
        BigDecimal total = f.orderTotal();
        String currency = f.currency();
        List<Map<String, Object>> items = f.items();
        if (orderId != null && (total == null || items == null)) {
            record Order(BigDecimal total, String currency, String itemsJson) {
            }
            for (Order row : jdbc.query(sql.get("notify/find-order-details"), new MapSqlParameterSource("orderId",
                    orderId), (rs, n) -> new Order(rs.getBigDecimal("total"), rs.getString("currency"),
                    rs.getString("items_json")))) {
                total = total != null ? total : row.total();
                currency = currency != null ? currency : row.currency();
                items = items != null ? items : items(row.itemsJson());
            }
        }
        return new MessageFacts(f.type(), orderId, recipient.name(), total, currency, items, f.carrier(),
                f.trackingNumber(), f.status(), f.statusText(), f.location(), f.estimatedDelivery(),
                f.previousEstimatedDelivery(), f.exceptionReason(), f.pickupLocation(), f.occurredAt());
    }

    private List<Map<String, Object>> items(String itemsJson) {
        if (itemsJson == null) {
            return List.of();
        }
        try {
            return json.readValue(itemsJson, new TypeReference<>() { });
        } catch (JsonProcessingException e) {
            return List.of();
        }
    }
}
