package io.herald.decide;

import io.herald.decide.Decisions.Candidate;
import io.herald.decide.RuleSettings.StallTime;
import io.herald.notify.OutboundMessage;
import io.herald.render.MessageFacts;
import io.herald.support.SqlFiles;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The derived type {@code stalled}: a shipment without a carrier scan for longer than is normal for its carrier and
 * status. Each stall is keyed by the shipment's last scan, so it is decided once; a new scan ends it, and a later
 * stall is a new one.
 */
@Component("stalledShipments")
public class StalledShipments {

    private static final int BATCH = 200;

    private final NamedParameterJdbcTemplate jdbc;
    private final SqlFiles sql;
    private final RuleSettings rules;
    private final NotificationDecisions decisions;
    private final Clock clock;

    public StalledShipments(NamedParameterJdbcTemplate jdbc, SqlFiles sql, RuleSettings rules,
                            NotificationDecisions decisions, Clock clock) {
        this.jdbc = jdbc;
        this.sql = sql;
        this.rules = rules;
        this.decisions = decisions;
        this.clock = clock;
    }

    private record Row(String carrier, String trackingNumber, String status, String statusText, String location,
                       OffsetDateTime eta, String orderId, OffsetDateTime lastEventAt) {
    }

    /**
     * Decides stalled for each shipment that stalled since the last scan; answers the messages to publish. Each stall
     * time is looked for on its own, a batch of its oldest stalls at a time, so shipments without a stall time (or
     * with a longer one) never fill a batch; what a batch leaves is found by the next scan.
     */
    public List<OutboundMessage> scan() {
        Instant now = clock.instant();
        List<OutboundMessage> outbound = new ArrayList<>();
        for (StallTime stall : rules.stallTimes()) {
            for (Row row : stalled(stall, now)) {
                outbound.addAll(decide(row, now));
            }
        }
        return outbound;
    }

    private List<Row> stalled(StallTime stall, Instant now) {
        MapSqlParameterSource params = new MapSqlParameterSource().addValue("status", stall.status().name())
                .addValue("before", now.minus(stall.after()).atOffset(ZoneOffset.UTC)).addValue("limit", BATCH);
        String statement;
        if (stall.carrier() != null) {
            statement = "decide/list-stalled-shipments-of-carrier";
            params.addValue("carrier", stall.carrier());
        } else {
            statement = "decide/list-stalled-shipments";
            // SQL has no empty IN list, and a carrier is never the empty string
            params.addValue("exceptCarriers", stall.exceptCarriers().isEmpty() ? List.of("")
                    : List.copyOf(stall.exceptCarriers()));
        }
        return jdbc.query(sql.get(statement), params, (rs, n) -> new Row(rs.getString("carrier"),
                rs.getString("tracking_number"), rs.getString("status"), rs.getString("status_text"),
                rs.getString("location"), rs.getObject("estimated_delivery", OffsetDateTime.class),
                rs.getString("order_id"), rs.getObject("last_event_at", OffsetDateTime.class)));
    }

    private List<OutboundMessage> decide(Row row, Instant now) {
        Subject subject = Subject.shipment(row.carrier(), row.trackingNumber());
        Candidate candidate = new Candidate(NotificationType.STALLED, "rule-stalled", subject.key(), row.status(),
                row.lastEventAt().toInstant(), null, row.eta() == null ? null : row.eta().toInstant());
        MessageFacts facts = new MessageFacts(NotificationType.STALLED.wire(), row.orderId(), null, null, null,
                null, row.carrier(), row.trackingNumber(), row.status(), row.statusText(), row.location(),
                row.eta(), null, null, null, row.lastEventAt());
        return decisions.decide(candidate, fingerprint(subject, row.lastEventAt()), facts, now.toEpochMilli());
    }

    static String fingerprint(Subject subject, OffsetDateTime lastEventAt) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(("stalled|" + subject.key() + "|"
                    + lastEventAt.toInstant()).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
