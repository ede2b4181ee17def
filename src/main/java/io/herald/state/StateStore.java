package io.herald.state;

import io.herald.support.Names;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.herald.canonical.CanonicalEvent;
import io.herald.canonical.Customer;
import io.herald.canonical.Order;
import io.herald.canonical.Shipment;
import io.herald.canonical.ShipmentStatus;
import io.herald.config.HeraldProperties;
import io.herald.customer.CustomerErasure;
import io.herald.decide.PreferenceStore;
import io.herald.decide.QuietHours;
import io.herald.decide.RecipientZones;
import io.herald.decide.RuleSettings;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Objects;
import io.herald.support.SqlFiles;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;
import org.apache.camel.Message;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Applies a canonical event to the stored state of its shipment, order or customer, appends it to the timeline, and
 * tells the trigger rules what changed through headers. State only moves forward in time: an event older than the
 * stored one is kept in the timeline but does not change the status.
 */
@Component("stateStore")
public class StateStore {

    private final NamedParameterJdbcTemplate jdbc;
    private final SqlFiles sql;
    private final ObjectMapper json;
    private final Duration maxEventAge;
    private final RuleSettings rules;
    private final ZoneId defaultZone;
    private final Clock clock;
    private final PreferenceStore preferences;
    private final CustomerErasure erasure;

    public StateStore(NamedParameterJdbcTemplate jdbc, SqlFiles sql, ObjectMapper json, HeraldProperties properties,
                      RuleSettings rules, QuietHours quietHours, Clock clock, PreferenceStore preferences,
                      CustomerErasure erasure) {
        this.preferences = preferences;
        this.erasure = erasure;
        this.jdbc = jdbc;
        this.sql = sql;
        this.json = json;
        this.maxEventAge = properties.notifications().maxEventAge();
        this.rules = rules;
        this.defaultZone = quietHours.defaultZone();
        this.clock = clock;
    }

    @Transactional
    public void apply(Exchange exchange) throws InvalidPayloadException {
        Message message = exchange.getMessage();
        CanonicalEvent event = message.getMandatoryBody(CanonicalEvent.class);
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        BatchReads reads = BatchReads.firstRead(exchange, BatchReads.Step.STATE, event.fingerprint(), null)
                .orElse(null);
        Transition transition = (reads != null ? reads.transition(event.fingerprint()) : recordedTransition(event))
                .orElse(null);
        if (transition == null) {
            transition = switch (event.type()) {
                case SHIPMENT -> applyShipment(event, now);
                case ORDER -> applyOrder(event, now);
                case CUSTOMER -> applyCustomer(event, now);
            };
            if (event.customer() != null && event.type() != io.herald.canonical.EventType.CUSTOMER) {
                applyCustomer(event, now);
            }
            appendTimeline(event, transition, now, reads);
        }

        boolean superseded = "true".equals(message.getHeader(Names.Header.SUPERSEDED, String.class));
        boolean fresh = event.occurredAt().isAfter(now.minus(maxEventAge));
        message.setHeader(Names.Header.EVENT_TYPE, event.type().wire());
        message.setHeader(Names.Header.SUBJECT_KEY, transition.subjectKey());
        message.setHeader(Names.Header.STATUS, transition.status());
        message.setHeader(Names.Header.PREVIOUS_STATUS, transition.previousStatus());
        message.setHeader(Names.Header.STATUS_CHANGED, transition.changed());
        message.setHeader(Names.Header.CURRENT, transition.newest() && !superseded && fresh);
        message.setHeader(Names.Header.EXCEPTION_REASON, event.shipment() == null
                || event.shipment().exceptionReason() == null ? null : event.shipment().exceptionReason().name());
        message.setHeader(Names.Header.REASON_CHANGED, transition.reasonChanged());
        message.setHeader(Names.Header.ETA_MOVED, transition.previousEta() != null);
        message.setHeader(Names.Header.PREVIOUS_ETA, transition.previousEta());
    }

    private Transition applyShipment(CanonicalEvent event, OffsetDateTime now) {
        Shipment s = event.shipment();
        MapSqlParameterSource params = new MapSqlParameterSource()
                .addValue("carrier", s.carrier())
                .addValue("trackingNumber", s.trackingNumber())
                .addValue("status", s.status().name())
                .addValue("exceptionReason", s.exceptionReason() == null ? null : s.exceptionReason().name())
                .addValue("statusText", cut(s.statusText(), 500))
                .addValue("location", cut(s.location(), 200))
                .addValue("estimatedDelivery", s.estimatedDelivery())
                .addValue("previousEstimatedDelivery", null)
                .addValue("orderId", s.orderId() != null ? s.orderId() : orderIdOf(event))
                .addValue("destinationZone", s.destination() == null ? null : s.destination().zone())
                .addValue("occurredAt", event.occurredAt())
                .addValue("now", now);
        String key = subjectKeyOf(event);
        List<Stored> stored = jdbc.query(sql.get("state/find-shipment"), params, (rs, n) -> new Stored(
                rs.getString("status"), rs.getObject("last_event_at", OffsetDateTime.class),
                rs.getString("exception_reason"), rs.getObject("estimated_delivery", OffsetDateTime.class)));
        if (stored.isEmpty()) {
            jdbc.update(sql.get("state/insert-shipment"), params);
            return new Transition(key, s.status().name(), null, true, true, false, null);
        }
        Stored previous = stored.get(0);
        boolean tellsNothing = s.status() == ShipmentStatus.UNKNOWN
                && !ShipmentStatus.UNKNOWN.name().equals(previous.status());
        if (event.occurredAt().isBefore(previous.lastEventAt()) || tellsNothing) {
            // an older event, or an UNKNOWN (a carrier's "not found", an unmapped code) after a known status, says
            // nothing about where the parcel is now: it stays in the timeline but does not replace the status; it
            // may still name the order or the destination that the stored state lacks
            jdbc.update(sql.get("state/link-shipment-order"), params);
            return new Transition(key, previous.status(), previous.status(), false, false, false, null);
        }
        OffsetDateTime movedFrom = etaMoved(previous.estimatedDelivery(), s.estimatedDelivery(), key)
                ? previous.estimatedDelivery() : null;
        params.addValue("previousEstimatedDelivery", movedFrom);
        jdbc.update(sql.get("state/update-shipment"), params);
        String reason = s.exceptionReason() == null ? null : s.exceptionReason().name();
        return new Transition(key, s.status().name(), previous.status(),
                !s.status().name().equals(previous.status()), true,
                reason != null && !Objects.equals(reason, previous.exceptionReason()), movedFrom);
    }

    /**
     * Whether the estimated delivery moved to another day in the recipient's zone, or by more than
     * {@code herald.rules.eta-changed.threshold}.
     */
    private boolean etaMoved(OffsetDateTime before, OffsetDateTime after, String subjectKey) {
        if (before == null || after == null || before.isEqual(after)) {
            return false;
        }
        if (Duration.between(before, after).abs().compareTo(rules.etaThreshold()) > 0) {
            return true;
        }
        ZoneId zone = recipientZone(subjectKey);
        return !before.atZoneSameInstant(zone).toLocalDate().equals(after.atZoneSameInstant(zone).toLocalDate());
    }

    private ZoneId recipientZone(String subjectKey) {
        var subject = io.herald.decide.Subject.of(subjectKey);
        List<ZoneId> zones = jdbc.query(sql.get("state/find-shipment-recipient-zone"), new MapSqlParameterSource()
                        .addValue("carrier", subject.carrier()).addValue("trackingNumber", subject.trackingNumber()),
                (rs, n) -> RecipientZones.resolve(rs.getString("timezone"), rs.getString("destination_zone"),
                        rs.getString("phone"), defaultZone));
        return zones.isEmpty() ? defaultZone : zones.get(0);
    }

    private Transition applyOrder(CanonicalEvent event, OffsetDateTime now) {
        Order o = event.order();
        String customerId = o.customerId() != null ? o.customerId()
                : event.customer() != null ? event.customer().customerId() : null;
        MapSqlParameterSource params = new MapSqlParameterSource()
                .addValue("orderId", o.orderId())
                .addValue("status", o.status().name())
                .addValue("customerId", customerId)
                .addValue("total", o.total())
                .addValue("currency", o.currency())
                .addValue("itemsJson", o.items() == null ? null : write(o.items()))
                .addValue("occurredAt", event.occurredAt())
                .addValue("now", now);
        String key = subjectKeyOf(event);
        List<Stored> stored = jdbc.query(sql.get("state/find-order"), params, (rs, n) -> new Stored(
                rs.getString("status"), rs.getObject("last_event_at", OffsetDateTime.class), null, null));
        if (stored.isEmpty()) {
            jdbc.update(sql.get("state/insert-order"), params);
            return new Transition(key, o.status().name(), null, true, true, false, null);
        }
        Stored previous = stored.get(0);
        if (event.occurredAt().isBefore(previous.lastEventAt())) {
            return new Transition(key, previous.status(), previous.status(), false, false, false, null);
        }
        jdbc.update(sql.get("state/update-order"), params);
        return new Transition(key, o.status().name(), previous.status(),
                !o.status().name().equals(previous.status()), true, false, null);
    }

    /**
     * Stores the customer's contact details, or erases them when the source deleted the customer. A channel preference the source sends is its consent: it goes to the
     * preference store, where a customer's own later action always wins over it (DESIGN.md, "Consent").
     */
    private Transition applyCustomer(CanonicalEvent event, OffsetDateTime now) {
        Customer c = event.customer();
        if (Boolean.TRUE.equals(c.deleted())) {
            // a source deleted the customer: erase, as DELETE /api/v1/customers/{id} does; nothing is stored
            erasure.erase(c.customerId());
            return new Transition(subjectKeyOf(event), null, null, false, true, false, null);
        }
        MapSqlParameterSource params = new MapSqlParameterSource()
                .addValue("customerId", c.customerId())
                .addValue("name", cut(c.name(), 200))
                .addValue("email", c.email())
                .addValue("phone", c.phone())
                .addValue("locale", c.locale())
                .addValue("timezone", c.timezone())
                .addValue("now", now);
        if (jdbc.update(sql.get("state/update-customer"), params) == 0) {
            jdbc.update(sql.get("state/insert-customer"), params);
        }
        if (c.channelPreference() != null) {
            preferences.recordSourceConsent(c.customerId(), c.channelPreference(), event.occurredAt(),
                    event.source());
        }
        return new Transition(subjectKeyOf(event), null, null, false, true, false, null);
    }

    /**
     * The key of the event's subject in the state and the timeline: {@code shipment:<carrier>:<trackingNumber>},
     * {@code order:<orderId>} or {@code customer:<customerId>}.
     */
    public static String subjectKeyOf(CanonicalEvent event) {
        return switch (event.type()) {
            case SHIPMENT -> "shipment:" + event.shipment().carrier() + ":" + event.shipment().trackingNumber();
            case ORDER -> "order:" + event.order().orderId();
            case CUSTOMER -> "customer:" + event.customer().customerId();
        };
    }

    /**
     * The transition this event made when it was applied before. The event is here again because its processing
     * did not complete (the idempotent consumer drops an event once its whole exchange completed): its state was
     * committed, and then a crash, a kill or a failure in a later step cut it off. Its state is not applied again
     * (it would read as "no change"); the rules and the decide stage see the transition it made, and the decide stage
     * finds the decision it may have taken already (decisions are unique per trigger).
     */
    private Optional<Transition> recordedTransition(CanonicalEvent event) {
        return jdbc.query(sql.get("state/find-timeline-transition"),
                new MapSqlParameterSource("fingerprint", event.fingerprint()), (rs, n) -> Transition.of(rs))
                .stream().findFirst();
    }

    /**
     * Appends the event to its subject's timeline with the transition it made, unless the same scan is there already
     * from another source (same status and instant), which made no transition of its own. With the batch's reads,
     * only the same scan is counted: the batch knows whether the timeline has the event.
     */
    private void appendTimeline(CanonicalEvent event, Transition transition, OffsetDateTime now, BatchReads reads) {
        if (reads != null && reads.inTimeline(event.fingerprint())) {
            return;
        }
        MapSqlParameterSource params = new MapSqlParameterSource()
                .addValue("subjectKey", transition.subjectKey())
                .addValue("eventType", event.type().wire())
                .addValue("source", event.source())
                .addValue("occurredAt", event.occurredAt())
                .addValue("status", statusOf(event))
                .addValue("statusText", event.shipment() == null ? null : cut(event.shipment().statusText(), 500))
                .addValue("location", event.shipment() == null ? null : cut(event.shipment().location(), 200))
                .addValue("fingerprint", event.fingerprint())
                .addValue("now", now)
                .addValue("previousStatus", transition.previousStatus())
                .addValue("statusChanged", transition.changed())
                .addValue("newest", transition.newest())
                .addValue("reasonChanged", transition.reasonChanged())
                .addValue("previousEta", transition.previousEta());
        Long seen = jdbc.queryForObject(sql.get(reads != null ? "state/count-timeline-same-scan"
                : "state/count-timeline-fingerprint"), params, Long.class);
        if (seen == null || seen == 0) {
            jdbc.update(sql.get("state/insert-timeline"), params);
        }
    }

    private static String statusOf(CanonicalEvent event) {
        return switch (event.type()) {
            case SHIPMENT -> event.shipment().status().name();
            case ORDER -> event.order().status().name();
            case CUSTOMER -> null;
        };
    }

    private static String orderIdOf(CanonicalEvent event) {
        return event.order() == null ? null : event.order().orderId();
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String cut(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }

    private record Stored(String status, OffsetDateTime lastEventAt, String exceptionReason,
                          OffsetDateTime estimatedDelivery) {
    }

    /**
     * What an event changed.
     *
     * @param reasonChanged a new exception reason
     * @param previousEta   the estimated delivery before, when it moved enough to tell (eta_changed, delayed)
     */
    record Transition(String subjectKey, String status, String previousStatus, boolean changed,
                      boolean newest, boolean reasonChanged, OffsetDateTime previousEta) {

        /** The transition recorded in a timeline row; null for a row from before V8, which has none. */
        static Transition of(ResultSet rs) throws SQLException {
            return rs.getObject("newest") == null ? null : new Transition(rs.getString("subject_key"),
                    rs.getString("status"), rs.getString("previous_status"), rs.getBoolean("status_changed"),
                    rs.getBoolean("newest"), rs.getBoolean("reason_changed"),
                    rs.getObject("previous_eta", OffsetDateTime.class));
        }
    }
}
