package io.herald.notify;

import io.herald.ops.HeraldMetrics;
import io.herald.support.SqlFiles;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/** The notification log: every notification with its state ({@code DECIDED}, {@code SENT}, {@code FAILED}). */
@Component("notificationLog")
public class NotificationLog {

    private final NamedParameterJdbcTemplate jdbc;
    private final SqlFiles sql;
    private final HeraldMetrics metrics;

    public NotificationLog(NamedParameterJdbcTemplate jdbc, SqlFiles sql, HeraldMetrics metrics) {
        this.jdbc = jdbc;
        this.sql = sql;
        this.metrics = metrics;
    }

    /** The channel attempts of a decision. */
    public List<Notification> attemptsOf(String decisionId) {
        return jdbc.query(sql.get("notify/list-decision-attempts"), new MapSqlParameterSource("decisionId", decisionId),
                NotificationLog::row);
    }

    public Optional<Notification> findById(String id) {
        return jdbc.query(sql.get("notify/find-notification-by-id"), new MapSqlParameterSource("id", id),
                NotificationLog::row).stream().findFirst();
    }

    public void insert(MapSqlParameterSource params) {
        jdbc.update(sql.get("notify/insert-notification"), params);
        metrics.notification((String) params.getValue("channel"), "DECIDED");
    }

    /** Whether the notification was already handed to its channel, so a redelivered message is not sent twice. */
    public boolean isSent(String id) {
        return findById(id).map(n -> "SENT".equals(n.state())).orElse(false);
    }

    /**
     * Records the hand-off to the channel.
     *
     * @param providerResult the provider's answer: its message id, or an object with a {@code getSid()} (Twilio)
     */
    public void markSent(String id, String channel, Object providerResult, long intakeAt) {
        var params = new MapSqlParameterSource().addValue("id", id).addValue("providerId", providerId(providerResult))
                .addValue("now", OffsetDateTime.now(ZoneOffset.UTC));
        if (jdbc.update(sql.get("notify/mark-notification-sent"), params) > 0) {
            metrics.notification(channel, "SENT");
            metrics.deliveryLatency(channel, intakeAt);
        }
    }

    public void markFailed(String id, String channel, String reason) {
        var params = new MapSqlParameterSource().addValue("id", id)
                .addValue("reason", reason.length() > 1000 ? reason.substring(0, 1000) : reason)
                .addValue("now", OffsetDateTime.now(ZoneOffset.UTC));
        if (jdbc.update(sql.get("notify/mark-notification-failed"), params) > 0) {
            metrics.notification(channel, "FAILED");
        }
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
        if (result instanceof com.twilio.rest.api.v2010.account.Message twilio) {
            return twilio.getSid();
        }
        String text = result.toString();
        return text.length() > 200 ? text.substring(0, 200) : text;
    }

    private static Notification row(ResultSet rs, int n) throws SQLException {
        return new Notification(rs.getString("id"), rs.getString("decision_id"), rs.getString("type"), rs.getString("channel"),
                rs.getString("state"), rs.getString("order_id"), rs.getString("carrier"),
                rs.getString("tracking_number"), rs.getString("customer_id"), rs.getString("locale"),
                rs.getString("recipient"), rs.getString("subject"), rs.getString("body_text"),
                rs.getString("body_html"), rs.getString("provider_id"), rs.getString("failure_reason"),
                rs.getString("reason"),
                rs.getObject("event_occurred_at", OffsetDateTime.class),
                rs.getObject("created_at", OffsetDateTime.class), rs.getObject("sent_at", OffsetDateTime.class));
    }
}
