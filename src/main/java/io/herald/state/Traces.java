package io.herald.state;

import io.herald.decide.Subject;
import io.herald.support.SqlFiles;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Why a customer was, or was not, told: a shipment's or order's state, its timeline with each event's source, and
 * every decision taken on it with the rule that matched, its state and reason, and its channel attempts.
 */
@Component
public class Traces {

    private final NamedParameterJdbcTemplate jdbc;
    private final SqlFiles sql;

    public Traces(NamedParameterJdbcTemplate jdbc, SqlFiles sql) {
        this.jdbc = jdbc;
        this.sql = sql;
    }

    public Optional<Map<String, Object>> shipment(String carrier, String trackingNumber) {
        return jdbc.query(sql.get("state/find-shipment-state"), new MapSqlParameterSource()
                        .addValue("carrier", carrier).addValue("trackingNumber", trackingNumber), (rs, n) -> shipmentRow(rs))
                .stream().findFirst().map(this::withHistory);
    }

    public Optional<Map<String, Object>> order(String orderId) {
        MapSqlParameterSource params = new MapSqlParameterSource("orderId", orderId);
        return jdbc.query(sql.get("state/find-order-state"), params, (rs, n) -> {
            Map<String, Object> state = new LinkedHashMap<>();
            state.put("status", rs.getString("status"));
            state.put("customerId", rs.getString("customer_id"));
            state.put("total", rs.getBigDecimal("total"));
            state.put("currency", rs.getString("currency"));
            state.put("lastEventAt", rs.getObject("last_event_at", OffsetDateTime.class));
            Map<String, Object> order = new LinkedHashMap<>();
            order.put("orderId", rs.getString("order_id"));
            order.put("state", state);
            return order;
        }).stream().findFirst().map(order -> {
            Subject subject = Subject.order(orderId);
            order.put("timeline", timeline(subject.key()));
            order.put("decisions", decisions(subject.key()));
            order.put("shipments", jdbc.query(sql.get("state/list-order-shipments"), params,
                    (rs, n) -> shipmentRow(rs)).stream().map(this::withHistory).toList());
            return order;
        });
    }

    private Map<String, Object> shipmentRow(java.sql.ResultSet rs) throws java.sql.SQLException {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("status", rs.getString("status"));
        state.put("exceptionReason", rs.getString("exception_reason"));
        state.put("statusText", rs.getString("status_text"));
        state.put("location", rs.getString("location"));
        state.put("estimatedDelivery", rs.getObject("estimated_delivery", OffsetDateTime.class));
        state.put("previousEstimatedDelivery", rs.getObject("previous_estimated_delivery", OffsetDateTime.class));
        state.put("orderId", rs.getString("order_id"));
        state.put("lastEventAt", rs.getObject("last_event_at", OffsetDateTime.class));
        Map<String, Object> shipment = new LinkedHashMap<>();
        shipment.put("carrier", rs.getString("carrier"));
        shipment.put("trackingNumber", rs.getString("tracking_number"));
        shipment.put("state", state);
        return shipment;
    }

    private Map<String, Object> withHistory(Map<String, Object> shipment) {
        Subject subject = Subject.shipment((String) shipment.get("carrier"), (String) shipment.get("trackingNumber"));
        shipment.put("timeline", timeline(subject.key()));
        shipment.put("decisions", decisions(subject.key()));
        return shipment;
    }

    private List<Map<String, Object>> timeline(String subjectKey) {
        return jdbc.query(sql.get("state/list-timeline"), new MapSqlParameterSource("subjectKey", subjectKey),
                (rs, n) -> {
                    Map<String, Object> entry = new LinkedHashMap<>();
                    entry.put("occurredAt", rs.getObject("occurred_at", OffsetDateTime.class));
                    entry.put("status", rs.getString("status"));
                    entry.put("statusText", rs.getString("status_text"));
                    entry.put("location", rs.getString("location"));
                    entry.put("source", rs.getString("source"));
                    entry.put("fingerprint", rs.getString("fingerprint"));
                    entry.put("recordedAt", rs.getObject("recorded_at", OffsetDateTime.class));
                    return entry;
                });
    }

    private List<Map<String, Object>> decisions(String subjectKey) {
        MapSqlParameterSource params = new MapSqlParameterSource("subjectKey", subjectKey);
        Map<String, List<Map<String, Object>>> attempts = new LinkedHashMap<>();
        jdbc.query(sql.get("state/list-subject-attempts"), params, rs -> {
            Map<String, Object> attempt = new LinkedHashMap<>();
            attempt.put("id", rs.getString("id"));
            attempt.put("channel", rs.getString("channel"));
            attempt.put("state", rs.getString("state"));
            attempt.put("recipient", rs.getString("recipient"));
            attempt.put("locale", rs.getString("locale"));
            attempt.put("subject", rs.getString("subject"));
            attempt.put("segments", rs.getObject("segments"));
            attempt.put("providerId", rs.getString("provider_id"));
            attempt.put("failureReason", rs.getString("failure_reason"));
            attempt.put("createdAt", rs.getObject("created_at", OffsetDateTime.class));
            attempt.put("sentAt", rs.getObject("sent_at", OffsetDateTime.class));
            attempts.computeIfAbsent(rs.getString("decision_id"), id -> new ArrayList<>()).add(attempt);
        });
        return jdbc.query(sql.get("state/list-decisions"), params, (rs, n) -> {
            Map<String, Object> decision = new LinkedHashMap<>();
            String id = rs.getString("id");
            decision.put("id", id);
            decision.put("type", rs.getString("type"));
            decision.put("rule", rs.getString("rule"));
            decision.put("critical", rs.getBoolean("critical"));
            decision.put("state", rs.getString("state"));
            decision.put("reason", rs.getString("reason"));
            decision.put("announces", rs.getString("subject_status"));
            decision.put("exceptionReason", rs.getString("exception_reason"));
            decision.put("estimatedDelivery", rs.getObject("eta", OffsetDateTime.class));
            decision.put("pendingChannels", rs.getString("pending_channels"));
            decision.put("dueAt", rs.getObject("due_at", OffsetDateTime.class));
            decision.put("eventOccurredAt", rs.getObject("event_occurred_at", OffsetDateTime.class));
            decision.put("triggeredBy", rs.getString("trigger_fingerprint"));
            decision.put("decidedAt", rs.getObject("created_at", OffsetDateTime.class));
            decision.put("updatedAt", rs.getObject("updated_at", OffsetDateTime.class));
            decision.put("attempts", attempts.getOrDefault(id, List.of()));
            return decision;
        });
    }
}
