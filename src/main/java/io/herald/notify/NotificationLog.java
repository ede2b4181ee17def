package io.herald.notify;

import io.herald.ops.HeraldMetrics;
import io.herald.support.SqlFiles;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.stereotype.Component;

/**
 * The notification log: every channel attempt with its state. {@code DECIDED} is ready for its channel,
 * {@code SENDING} is being handed to it, {@code SENT} was accepted, {@code FAILED} was refused, {@code UNKNOWN}
 * was handed over without an answer: it is left for reconciliation, never sent again blindly (docs/operations.md,
 * "Delivery guarantee"), and {@code SUPERSEDED} waited to be sent again until its news was out of date, and never
 * will be.
 */
@Component("notificationLog")
public class NotificationLog {

    private final NamedParameterJdbcTemplate jdbc;
    private final SqlFiles sql;
    private final HeraldMetrics metrics;
    private final Clock clock;

    public NotificationLog(NamedParameterJdbcTemplate jdbc, SqlFiles sql, HeraldMetrics metrics, Clock clock) {
        this.jdbc = jdbc;
        this.sql = sql;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** The channel attempts of a decision. */
    public List<Notification> attemptsOf(String decisionId) {
        return jdbc.query(sql.get("notify/list-decision-attempts"), new MapSqlParameterSource("decisionId", decisionId),
                NotificationLog::row);
    }

    /**
     * The attempts of a decision recorded DECIDED that its channel did not defer, set aside or hold for the
     * recipient's quiet hours: those wait for the republish sweep.
     */
    public List<Notification> unsentAttemptsOf(String decisionId) {
        return jdbc.query(sql.get("notify/list-unsent-attempts"),
                new MapSqlParameterSource("decisionId", decisionId), NotificationLog::row);
    }

    /**
     * The attempts, recorded DECIDED, of the decisions the event of {@code fingerprint} triggered on its subject, but
     * not one its channel deferred, set aside or held for the recipient's quiet hours, as {@link #unsentAttemptsOf}.
     */
    public List<Notification> unsentAttemptsOfTrigger(String subjectKey, String fingerprint) {
        return jdbc.query(sql.get("notify/list-unsent-attempts-of-trigger"), new MapSqlParameterSource()
                .addValue("subjectKey", subjectKey).addValue("fingerprint", fingerprint), NotificationLog::row);
    }

    public Optional<Notification> findById(String id) {
        return jdbc.query(sql.get("notify/find-notification-by-id"), new MapSqlParameterSource("id", id),
                NotificationLog::row).stream().findFirst();
    }

    public void insert(MapSqlParameterSource params) {
        jdbc.update(sql.get("notify/insert-notification"), params);
        metrics.notification((String) params.getValue("channel"), "DECIDED");
    }

    /** The order an attempt belongs to; empty when it has none, or the id is not in the log. */
    public Optional<String> orderIdOf(String id) {
        return jdbc.queryForList(sql.get("notify/find-notification-order"), new MapSqlParameterSource("id", id),
                String.class).stream().filter(Objects::nonNull).findFirst();
    }

    /** The attempt's state, or empty for an id that is not in the log. */
    public Optional<String> stateOf(String id) {
        return jdbc.queryForList(sql.get("notify/find-notification-state"), new MapSqlParameterSource("id", id),
                String.class).stream().findFirst();
    }

    /** When the hand-off of a SENDING attempt began or was last renewed; empty when the attempt is not SENDING. */
    public Optional<OffsetDateTime> sendingSince(String id) {
        return jdbc.queryForList(sql.get("notify/find-sending-since"), new MapSqlParameterSource("id", id),
                OffsetDateTime.class).stream().findFirst();
    }

    /** Moves a DECIDED attempt to SENDING right before its hand-off; false when it is not DECIDED (any more). */
    public boolean claim(String id) {
        return jdbc.update(sql.get("notify/claim-notification"), stamp(id)) > 0;
    }

    /**
     * Moves the DECIDED attempts among {@code ids} to SENDING, in one batch of statements in the caller's transaction
     * (a channel batch's claims, one commit for all of them). Answers the ids it moved, each with the instant it
     * stamped them (to the millisecond, which both databases keep exactly, so {@link #renew} can find it again).
     */
    public Map<String, OffsetDateTime> claimAll(Collection<String> ids) {
        List<String> distinct = ids.stream().distinct().toList();
        OffsetDateTime at = now().truncatedTo(ChronoUnit.MILLIS);
        SqlParameterSource[] params = distinct.stream()
                .map(id -> new MapSqlParameterSource().addValue("id", id).addValue("now", at))
                .toArray(SqlParameterSource[]::new);
        int[] counts = jdbc.batchUpdate(sql.get("notify/claim-notification"), params);
        Map<String, OffsetDateTime> claimed = new HashMap<>();
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] == 1) {
                claimed.put(distinct.get(i), at);
            }
        }
        return claimed;
    }

    /** Whether {@code at} (a claim's instant) is less than {@code within} ago. */
    public boolean isRecent(OffsetDateTime at, Duration within) {
        return at.plus(within).isAfter(now());
    }

    /**
     * Renews the lease of an attempt {@link #claimAll} claimed at {@code claimedAt}, before a hand-off that begins
     * later; false when another instance took the attempt over in the meantime ({@link #resume} stamps it anew).
     */
    public boolean renew(String id, OffsetDateTime claimedAt) {
        return jdbc.update(sql.get("notify/renew-notification"), new MapSqlParameterSource().addValue("id", id)
                .addValue("claimedAt", claimedAt).addValue("now", now())) == 1;
    }

    /**
     * Takes over a SENDING attempt whose hand-off began more than {@code lease} ago and has no outcome recorded: its
     * instance crashed or stopped during the hand-off. Starts a new lease; false when it is not SENDING any more, or
     * its hand-off began later (another instance may be handing it over now).
     */
    public boolean resume(String id, Duration lease) {
        return touchIfOlder("notify/resume-notification", id, lease);
    }

    /**
     * Attempts DECIDED and untouched for longer than {@code after}: their message may never have reached the outbound
     * topic, because the instance that recorded them stopped before it published, or their channel set them aside.
     * Not one held until the recipient's quiet hours end ({@link #holdUntil}) before they do. At most {@code limit},
     * oldest first.
     */
    public List<Notification> staleDecided(Duration after, int limit) {
        OffsetDateTime now = now();
        return jdbc.query(sql.get("notify/list-stale-decided"), new MapSqlParameterSource().addValue("now", now)
                .addValue("staleBefore", now.minus(after)).addValue("limit", limit), NotificationLog::row);
    }

    /** Takes a stale DECIDED attempt for publishing again; false when another instance took it first, or it moved. */
    public boolean takeStale(String id, Duration after) {
        return touchIfOlder("notify/touch-stale-decided", id, after);
    }

    /**
     * Records a stale DECIDED attempt SUPERSEDED instead of publishing it again, as its news is out of date (the
     * subject moved on while it waited), and counts it; false when another instance took it first, or it moved.
     */
    public boolean supersedeStale(String id, String channel, Duration after, String reason) {
        OffsetDateTime now = now();
        return superseded("notify/supersede-stale-decided", channel, new MapSqlParameterSource().addValue("id", id)
                .addValue("now", now).addValue("staleBefore", now.minus(after)).addValue("reason", truncated(reason)));
    }

    /**
     * Records an attempt claimed for its hand-off SUPERSEDED instead of handing it over, as its news is out of date
     * by now, and counts it; false when it is not SENDING any more.
     */
    public boolean supersedeClaimed(String id, String channel, String reason) {
        return superseded("notify/supersede-claimed-notification", channel, stamp(id)
                .addValue("reason", truncated(reason)));
    }

    /** Runs a conditional update to SUPERSEDED and counts it when it took. */
    private boolean superseded(String statement, String channel, MapSqlParameterSource params) {
        boolean superseded = jdbc.update(sql.get(statement), params) > 0;
        if (superseded) {
            metrics.notification(channel, "SUPERSEDED");
        }
        return superseded;
    }

    /** Runs a conditional update that stamps the attempt now if it was last touched more than {@code age} ago. */
    private boolean touchIfOlder(String statement, String id, Duration age) {
        OffsetDateTime now = now();
        return jdbc.update(sql.get(statement), new MapSqlParameterSource().addValue("id", id).addValue("now", now)
                .addValue("staleBefore", now.minus(age))) > 0;
    }

    /** Puts a SENDING attempt whose hand-off failed for sure back to DECIDED, for the retry. */
    public void release(String id) {
        jdbc.update(sql.get("notify/release-notification"), stamp(id));
    }

    /**
     * Puts a SENDING attempt that is to be tried again later (its recipient deferred by the relay, or a failure of
     * its own while its channel delivered others) back to DECIDED, counts the deferral and keeps the reason (the API
     * shows it), so that the republish sweep tries it again; false when it was deferred {@code maxDeferrals} times
     * already, or is not SENDING.
     */
    public boolean defer(String id, int maxDeferrals, String reason) {
        return jdbc.update(sql.get("notify/defer-notification"), stamp(id).addValue("maxDeferrals", maxDeferrals)
                .addValue("reason", truncated(reason))) > 0;
    }

    /**
     * Puts an attempt claimed for its hand-off (SENDING) back to DECIDED until {@code notBefore}, the end of the
     * recipient's quiet hours, with the reason, and counts it DEFERRED: the republish sweep publishes it again then.
     */
    public void holdUntil(String id, String channel, OffsetDateTime notBefore, String reason) {
        var params = stamp(id).addValue("notBefore", notBefore).addValue("reason", truncated(reason));
        if (jdbc.update(sql.get("notify/hold-notification-until"), params) > 0) {
            metrics.notification(channel, "DEFERRED");
        }
    }

    /**
     * Puts a FAILED or UNDELIVERED attempt back to DECIDED for its channel to send again, at an operator's word, with
     * its deferrals counted anew and the provider's id of the failed hand-off cleared; counts it RETRIED. False when
     * it is in another state by now (another call took it first).
     */
    public boolean retry(String id, String channel, String reason) {
        if (jdbc.update(sql.get("notify/retry-notification"), stamp(id).addValue("reason", truncated(reason))) > 0) {
            metrics.notification(channel, "RETRIED");
            return true;
        }
        return false;
    }

    /**
     * Records what the provider's own log says of an UNKNOWN attempt: SENT, with its id when given and as sent when
     * it was marked UNKNOWN, or FAILED, with the reason; counts it. False when the attempt is not UNKNOWN (any more).
     */
    public boolean reconcile(String id, String channel, boolean sent, String providerId, String reason) {
        String state = sent ? "SENT" : "FAILED";
        var params = stamp(id).addValue("state", state).addValue("providerId", providerId(providerId))
                .addValue("reason", truncated(reason));
        if (jdbc.update(sql.get("notify/reconcile-notification"), params) > 0) {
            metrics.notification(channel, state);
            return true;
        }
        return false;
    }

    /** A failed attempt of a group an operator sends again ({@link #failedSince}). */
    public record Failed(String id, OffsetDateTime createdAt) {
    }

    /**
     * A channel's FAILED and UNDELIVERED attempts recorded at or after {@code since} whose failure reason contains
     * {@code reason} (any, when null or blank), oldest first, at most {@code limit}; read through the index of their
     * creation, not the whole log.
     */
    public List<Failed> failedSince(String channel, OffsetDateTime since, String reason, int limit) {
        String contains = reason == null ? "" : reason.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
        return jdbc.query(sql.get("notify/list-failed-since"), new MapSqlParameterSource().addValue("channel", channel)
                        .addValue("since", since).addValue("pattern", "%" + contains + "%").addValue("limit", limit),
                (rs, n) -> new Failed(rs.getString("id"), rs.getObject("created_at", OffsetDateTime.class)));
    }

    /** Marks a SENDING attempt whose hand-off has no known outcome UNKNOWN, for reconciliation, and counts it. */
    public void markUnknown(String id, String channel, String reason) {
        var params = stamp(id).addValue("reason", truncated(reason));
        if (jdbc.update(sql.get("notify/mark-notification-unknown"), params) > 0) {
            metrics.notification(channel, "UNKNOWN");
        }
    }

    /** A reason as the log's column keeps it: at most 1,000 characters. */
    private static String truncated(String reason) {
        return reason.length() > 1000 ? reason.substring(0, 1000) : reason;
    }

    private MapSqlParameterSource stamp(String id) {
        return new MapSqlParameterSource().addValue("id", id).addValue("now", now());
    }

    /**
     * Records the hand-off to the channel.
     *
     * @param providerResult the provider's answer: its message id (the mail's Message-ID, Twilio's message SID)
     */
    public void markSent(String id, String channel, Object providerResult, long intakeAt) {
        var params = new MapSqlParameterSource().addValue("id", id).addValue("providerId", providerId(providerResult))
                .addValue("now", now());
        if (jdbc.update(sql.get("notify/mark-notification-sent"), params) > 0) {
            metrics.notification(channel, "SENT");
            metrics.deliveryLatency(channel, intakeAt);
        }
    }

    public void markFailed(String id, String channel, String reason) {
        var params = new MapSqlParameterSource().addValue("id", id)
                .addValue("reason", truncated(reason))
                .addValue("now", now());
        if (jdbc.update(sql.get("notify/mark-notification-failed"), params) > 0) {
            metrics.notification(channel, "FAILED");
        }
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock.withZone(ZoneOffset.UTC));
    }

    public List<Notification> byOrder(String orderId) {
        return jdbc.query(sql.get("notify/list-notifications-by-order"), new MapSqlParameterSource("orderId", orderId),
                NotificationLog::row);
    }

    public List<Notification> byTrackingNumber(String trackingNumber) {
        return jdbc.query(sql.get("notify/list-notifications-by-tracking"),
                new MapSqlParameterSource("trackingNumber", trackingNumber), NotificationLog::row);
    }

    public List<Notification> recentlySent(int limit) {
        return jdbc.query(sql.get("notify/list-recent-sent"), new MapSqlParameterSource("limit", limit),
                NotificationLog::row);
    }

    private static String providerId(Object result) {
        if (result == null) {
            return null;
        }
        String text = result.toString();
        return text.length() > 200 ? text.substring(0, 200) : text;
    }

    private static Notification row(ResultSet rs, int n) throws SQLException {
        return new Notification(rs.getString("id"), rs.getString("decision_id"), rs.getString("type"), rs.getString("channel"),
                rs.getString("state"), rs.getString("order_id"), rs.getString("carrier"),
                rs.getString("tracking_number"), rs.getString("customer_id"), rs.getString("locale"),
                rs.getString("recipient"), rs.getString("recipient_zone"), rs.getString("subject"),
                rs.getString("body_text"),
                rs.getString("body_html"), rs.getString("provider_id"), rs.getString("failure_reason"),
                rs.getString("reason"),
                rs.getObject("event_occurred_at", OffsetDateTime.class),
                rs.getObject("created_at", OffsetDateTime.class), rs.getObject("sent_at", OffsetDateTime.class));
    }
}
