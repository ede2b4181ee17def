package io.herald.decide;

import io.herald.decide.Decisions.Candidate;
import io.herald.decide.Decisions.Context;
import io.herald.decide.Decisions.Due;
import io.herald.decide.Decisions.Outcome;
import io.herald.decide.Decisions.Permissions;
import io.herald.decide.Decisions.Prior;
import io.herald.decide.Decisions.Recipient;
import io.herald.decide.Decisions.Retired;
import io.herald.decide.Decisions.SubjectNow;
import io.herald.support.SqlFiles;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Loads what a decision needs and writes what it decided: the first and last of a decision's three parts (the
 * middle one is {@link Decider}). A decision loads its subject with the recipient, the customer's preferences, the
 * subject's earlier decisions, and, for capped types, today's counts: at most four queries, never one per rule.
 */
@Component
public class DecisionStore {

    private static final List<String> CAPPED_TYPES = Arrays.stream(NotificationType.values())
            .filter(NotificationType::capped).map(NotificationType::wire).toList();

    private final NamedParameterJdbcTemplate jdbc;
    private final SqlFiles sql;
    private final QuietHours quietHours;
    private final PreferenceStore preferences;

    public DecisionStore(NamedParameterJdbcTemplate jdbc, SqlFiles sql, QuietHours quietHours,
                         PreferenceStore preferences) {
        this.jdbc = jdbc;
        this.sql = sql;
        this.quietHours = quietHours;
        this.preferences = preferences;
    }

    /** A subject as stored, with its customer when known. */
    public record Loaded(SubjectNow now, String orderId, Recipient recipient, Permissions permissions) {
    }

    public Optional<Loaded> subject(Subject subject) {
        MapSqlParameterSource params = new MapSqlParameterSource().addValue("carrier", subject.carrier())
                .addValue("trackingNumber", subject.trackingNumber()).addValue("orderId", subject.orderId());
        String query = sql.get(subject.isShipment() ? "decide/find-shipment-subject" : "decide/find-order-subject");
        return jdbc.query(query, params, this::loaded).stream().findFirst();
    }

    private Loaded loaded(ResultSet rs, int n) throws SQLException {
        SubjectNow now = new SubjectNow(rs.getString("status"), instant(rs, "estimated_delivery"),
                instant(rs, "last_event_at"));
        String customerId = rs.getString("customer_id");
        String email = rs.getString("email");
        String phone = rs.getString("phone");
        if (customerId == null || (email == null && phone == null)) {
            return new Loaded(now, rs.getString("order_id"), null, Permissions.ALL);
        }
        ZoneId zone = RecipientZones.resolve(rs.getString("timezone"), rs.getString("destination_zone"), phone,
                quietHours.defaultZone());
        // an address that bounced hard or complained (table email_suppression) is treated as missing, and so is a
        // number Twilio refused as invalid, not mobile or not in service (table sms_suppression); the zone stays
        Set<String> suppressed = new HashSet<>();
        if (email != null && rs.getBoolean("email_suppressed")) {
            suppressed.add("email");
        }
        if (phone != null && rs.getBoolean("phone_suppressed")) {
            suppressed.add("sms");
        }
        Recipient recipient = new Recipient(rs.getString("order_id"), customerId, rs.getString("name"), email, phone,
                rs.getString("locale"), zone, suppressed);
        return new Loaded(now, rs.getString("order_id"), recipient, preferences.load(customerId, phone)::allows);
    }

    /** The context of a decision on this subject, for this type, on the recipient's day. */
    public Context context(Subject subject, NotificationType type, Optional<Loaded> loaded, Instant now) {
        Recipient recipient = loaded.map(Loaded::recipient).orElse(null);
        Permissions allowed = loaded.map(Loaded::permissions).orElse(Permissions.ALL);
        List<Prior> prior = prior(subject.key());
        int shipmentCount = 0;
        int customerCount = 0;
        if (recipient != null && type.capped()) {
            var counts = jdbc.queryForMap(sql.get("decide/count-capped-today"), new MapSqlParameterSource()
                    .addValue("subjectKey", subject.key()).addValue("customerId", recipient.customerId())
                    .addValue("day", day(now, recipient)).addValue("cappedTypes", CAPPED_TYPES));
            shipmentCount = ((Number) counts.get("shipment_count")).intValue();
            customerCount = ((Number) counts.get("customer_count")).intValue();
        }
        return new Context(recipient, allowed, prior, shipmentCount, customerCount);
    }

    List<Prior> prior(String subjectKey) {
        return jdbc.query(sql.get("decide/list-subject-decisions"), new MapSqlParameterSource("subjectKey", subjectKey),
                (rs, n) -> new Prior(rs.getString("id"), NotificationType.of(rs.getString("type")),
                        DecisionState.valueOf(rs.getString("state")), rs.getString("subject_status"),
                        rs.getString("exception_reason"), instant(rs, "eta"), instant(rs, "created_at"),
                        instant(rs, "window_started_at"), rs.getBoolean("told")));
    }

    /** The decision already taken for this trigger, when the event is redelivered. */
    public Optional<String> existing(Candidate candidate, String triggerFingerprint) {
        return jdbc.query(sql.get("decide/find-decision-by-trigger"), new MapSqlParameterSource()
                        .addValue("subjectKey", candidate.subjectKey()).addValue("type", candidate.type().wire())
                        .addValue("triggerFingerprint", triggerFingerprint), (rs, n) -> rs.getString("id"))
                .stream().findFirst();
    }

    /** Writes a new decision and ends the ones it retires; answers those it ended (one may have moved on since). */
    public List<Retired> insert(String id, Candidate candidate, String triggerFingerprint, Subject subject,
                                String orderId, String facts, Outcome outcome, Recipient recipient, Instant now) {
        MapSqlParameterSource params = new MapSqlParameterSource()
                .addValue("id", id)
                .addValue("subjectKey", candidate.subjectKey())
                .addValue("type", candidate.type().wire())
                .addValue("triggerFingerprint", triggerFingerprint)
                .addValue("rule", candidate.rule())
                .addValue("critical", candidate.type().critical())
                .addValue("orderId", orderId)
                .addValue("carrier", subject.carrier())
                .addValue("trackingNumber", subject.trackingNumber())
                .addValue("customerId", recipient == null ? null : recipient.customerId())
                .addValue("subjectStatus", candidate.subjectStatus())
                .addValue("exceptionReason", candidate.exceptionReason())
                .addValue("eta", offset(candidate.eta()))
                .addValue("facts", facts)
                .addValue("eventOccurredAt", offset(candidate.eventOccurredAt()))
                .addValue("state", outcome.state().name())
                .addValue("reason", cut(outcome.reason()))
                .addValue("pendingChannels", channels(outcome.later()))
                .addValue("recipientDay", recipient == null ? null : day(now, recipient))
                .addValue("dueAt", offset(outcome.dueAt()))
                .addValue("windowStartedAt", offset(outcome.windowStartedAt()))
                .addValue("now", offset(now));
        jdbc.update(sql.get("decide/insert-decision"), params);
        return retire(outcome.retire(), now);
    }

    /** Writes the outcome of a due decision, and ends the ones it retires; answers those it ended. */
    public List<Retired> update(String id, Outcome outcome, Recipient recipient, String orderId, Instant now) {
        MapSqlParameterSource params = new MapSqlParameterSource()
                .addValue("id", id)
                .addValue("state", outcome.state().name())
                .addValue("reason", cut(outcome.reason()))
                .addValue("dueAt", offset(outcome.dueAt()))
                .addValue("windowStartedAt", offset(outcome.windowStartedAt()))
                .addValue("pendingChannels", channels(outcome.later()))
                .addValue("customerId", recipient == null ? null : recipient.customerId())
                .addValue("orderId", orderId)
                .addValue("recipientDay", recipient == null ? null : day(now, recipient))
                .addValue("now", offset(now));
        jdbc.update(sql.get("decide/update-decision"), params);
        return retire(outcome.retire(), now);
    }

    /**
     * The customer's decisions of events since {@code since} that reached no one because the channel's address was
     * on its suppression list and that are the newest decision of their order (or subject), newest first.
     */
    public List<String> keptBySuppression(String customerId, String channel, Instant since) {
        return jdbc.queryForList(sql.get("decide/list-kept-by-suppression"), new MapSqlParameterSource()
                .addValue("customerId", customerId).addValue("since", offset(since))
                .addValue("note", "%" + Decider.suppressedNote(channel) + "%"), String.class);
    }

    /** A SUPPRESSED decision becomes DECIDED, to be sent now; false when it is not SUPPRESSED (any more). */
    public boolean releaseSuppressed(String id, Instant now) {
        return jdbc.update(sql.get("decide/release-suppressed-decision"), new MapSqlParameterSource()
                .addValue("id", id).addValue("now", offset(now))) > 0;
    }

    /** Adds a note to a decision's reason, such as a channel fallback. */
    public void note(String id, String note, Instant now) {
        jdbc.update(sql.get("decide/note-decision"), new MapSqlParameterSource().addValue("id", id)
                .addValue("note", cut(note)).addValue("now", offset(now)));
    }

    /**
     * A DECIDED decision every attempt of which was superseded before its hand-off becomes SUPERSEDED itself; one with
     * an attempt that went out, or still may, stays DECIDED. Call it after {@link #note}, in its transaction. Answers
     * whether it became SUPERSEDED now.
     */
    public boolean supersedeIfUntold(String id, Instant now) {
        return jdbc.update(sql.get("decide/supersede-untold-decision"), new MapSqlParameterSource().addValue("id", id)
                .addValue("now", offset(now))) > 0;
    }

    /** Ends the decisions still pending among {@code retired}; answers the ones it ended. */
    private List<Retired> retire(List<Retired> retired, Instant now) {
        if (retired.isEmpty()) {
            return List.of(); // most decisions end none: nothing allocated for them on every event's path
        }
        List<Retired> ended = new ArrayList<>();
        for (Retired r : retired) {
            if (jdbc.update(sql.get("decide/retire-decision"), new MapSqlParameterSource()
                    .addValue("id", r.decisionId()).addValue("state", r.state().name())
                    .addValue("reason", cut(r.reason())).addValue("now", offset(now))) > 0) {
                ended.add(r);
            }
        }
        return ended;
    }

    /** Ids of decisions due now, and of decisions whose customer became known. */
    public List<String> due(Instant now, int limit) {
        MapSqlParameterSource params = new MapSqlParameterSource().addValue("now", offset(now))
                .addValue("limit", limit);
        List<String> ids = new java.util.ArrayList<>(jdbc.queryForList(sql.get("decide/list-due-decisions"), params,
                String.class));
        for (String id : jdbc.queryForList(sql.get("decide/list-awaiting-with-customer"), params, String.class)) {
            if (!ids.contains(id)) {
                ids.add(id);
            }
        }
        return ids;
    }

    /** Ids of decisions waiting for the customer of this order, or of any order of this customer. */
    public List<String> awaitingFor(String orderId, String customerId) {
        return jdbc.queryForList(sql.get("decide/list-awaiting-for-customer"), new MapSqlParameterSource()
                .addValue("orderId", orderId).addValue("customerId", customerId), String.class);
    }

    /** Takes a due decision for this instance, for a minute; false when another instance has it. */
    public boolean claim(String id, Instant now) {
        return jdbc.update(sql.get("decide/claim-decision"), new MapSqlParameterSource().addValue("id", id)
                .addValue("now", offset(now)).addValue("until", offset(now.plusSeconds(60)))) == 1;
    }

    /** Gives a claimed decision back, unchanged, for a later release. */
    public void unclaim(String id) {
        jdbc.update(sql.get("decide/unclaim-decision"), new MapSqlParameterSource("id", id));
    }

    /** A claimed due decision with what it said when it was decided. */
    public record DueRow(Due due, Subject subject, String orderId, String facts) {
    }

    public Optional<DueRow> find(String id) {
        return jdbc.query(sql.get("decide/find-decision"), new MapSqlParameterSource("id", id), (rs, n) -> {
            Candidate candidate = candidate(rs);
            String pending = rs.getString("pending_channels");
            Due due = new Due(rs.getString("id"), candidate, DecisionState.valueOf(rs.getString("state")),
                    pending == null || pending.isBlank() ? List.of() : List.of(pending.split(",")),
                    instant(rs, "due_at"), instant(rs, "created_at"), rs.getBoolean("told"));
            return new DueRow(due, Subject.of(rs.getString("subject_key")), rs.getString("order_id"),
                    rs.getString("facts"));
        }).stream().findFirst();
    }

    /**
     * What an attempt's decision told, and its subject's state now (null when the subject is not stored); whether its
     * address or number is suppressed now, and its customer's preferences now (null without a customer).
     */
    public record AttemptNews(String decisionId, String channel, Candidate candidate, SubjectNow now,
                              boolean recipientSuppressed, EffectivePreferences preferences) {

        AttemptNews with(EffectivePreferences preferences) {
            return new AttemptNews(decisionId, channel, candidate, now, recipientSuppressed, preferences);
        }
    }

    /**
     * The news of an attempt, in one read, and its customer's preferences as a decision loads them (its number's STOP
     * for an SMS); empty when it has no decision.
     */
    public Optional<AttemptNews> newsOf(String attemptId) {
        record Row(AttemptNews news, String customerId, String recipient) {
        }
        Optional<Row> row = jdbc.query(sql.get("decide/find-attempt-news"), new MapSqlParameterSource("id", attemptId),
                (rs, n) -> new Row(new AttemptNews(rs.getString("id"), rs.getString("channel"), candidate(rs),
                        rs.getString("status") == null ? null : new SubjectNow(rs.getString("status"),
                                instant(rs, "estimated_delivery"), instant(rs, "last_event_at")),
                        rs.getBoolean("recipient_suppressed"), null), rs.getString("customer_id"),
                        rs.getString("recipient"))).stream().findFirst();
        return row.map(r -> r.customerId() == null ? r.news() : r.news().with(preferences.load(r.customerId(),
                "sms".equals(r.news().channel()) ? r.recipient() : null)));
    }

    /** What a decision's row says it told. */
    private static Candidate candidate(ResultSet rs) throws SQLException {
        return new Candidate(NotificationType.of(rs.getString("type")), rs.getString("rule"),
                rs.getString("subject_key"), rs.getString("subject_status"), instant(rs, "event_occurred_at"),
                rs.getString("exception_reason"), instant(rs, "eta"));
    }

    private LocalDate day(Instant now, Recipient recipient) {
        return now.atZone(recipient.zone()).toLocalDate();
    }

    private static String channels(List<String> channels) {
        return channels == null || channels.isEmpty() ? null : String.join(",", channels);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    static OffsetDateTime offset(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static String cut(String text) {
        return text == null || text.length() <= 500 ? text : text.substring(0, 500);
    }
}
