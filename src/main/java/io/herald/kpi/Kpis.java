package io.herald.kpi;

import io.herald.support.SqlFiles;
import java.math.BigDecimal;
import java.time.Instant;
import io.herald.sms.SmsConversations;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/** Counts the KPIs of a window with the queries in sql/kpi/, which run unchanged on H2 and PostgreSQL. */
@Component
class Kpis {

    private final NamedParameterJdbcTemplate jdbc;
    private final SqlFiles sql;

    private final SmsConversations conversations;

    Kpis(NamedParameterJdbcTemplate jdbc, SqlFiles sql, SmsConversations conversations) {
        this.conversations = conversations;
        this.jdbc = jdbc;
        this.sql = sql;
    }

    /** The figures of [from, to). */
    KpiReport report(Instant from, Instant to) {
        MapSqlParameterSource window = new MapSqlParameterSource()
                .addValue("from", OffsetDateTime.ofInstant(from, ZoneOffset.UTC))
                .addValue("to", OffsetDateTime.ofInstant(to, ZoneOffset.UTC));

        Map<String, Map<String, Long>> notifications = new LinkedHashMap<>();
        jdbc.query(sql.get("kpi/count-notifications"), window, rs -> {
            notifications.computeIfAbsent(rs.getString("state"), state -> new LinkedHashMap<>())
                    .put(rs.getString("channel"), rs.getLong("notifications"));
        });

        Map<String, KpiReport.ChannelDelivery> byChannel = new LinkedHashMap<>();
        long[] totals = new long[4];
        jdbc.query(sql.get("kpi/count-deliveries"), window, rs -> {
            long attempted = rs.getLong("attempted");
            long sent = rs.getLong("sent");
            long delivered = rs.getLong("delivered");
            long reached = rs.getLong("reached");
            byChannel.put(rs.getString("channel"), new KpiReport.ChannelDelivery(attempted, sent, delivered,
                    delivered > 0 ? "delivered" : "sent", ratio(reached, attempted)));
            totals[0] += attempted;
            totals[1] += sent;
            totals[2] += delivered;
            totals[3] += reached;
        });
        KpiReport.Delivery delivery = new KpiReport.Delivery(totals[0], totals[1], totals[2], totals[3],
                ratio(totals[3], totals[0]), byChannel);

        KpiReport.TimeToFirstUpdate firstUpdate = jdbc.queryForObject(sql.get("kpi/time-to-first-update"), window,
                (rs, n) -> new KpiReport.TimeToFirstUpdate(rs.getLong("orders"),
                        seconds(rs.getBigDecimal("mean_seconds")), seconds(rs.getBigDecimal("p95_seconds"))));

        KpiReport.MessagesPerShipment perShipment = jdbc.queryForObject(sql.get("kpi/count-messages-per-shipment"),
                window, (rs, n) -> new KpiReport.MessagesPerShipment(rs.getLong("messages"), rs.getLong("shipments"),
                        ratio(rs.getLong("messages"), rs.getLong("shipments"))));

        Map<String, Map<String, Long>> notSent = new LinkedHashMap<>();
        jdbc.query(sql.get("kpi/count-unsent-decisions"), window, rs -> {
            String reason = rs.getString("reason");
            notSent.computeIfAbsent(rs.getString("state"), state -> new LinkedHashMap<>())
                    .merge(reason == null ? "none" : reason, rs.getLong("decisions"), Long::sum);
        });

        KpiReport.OptOuts optOuts = jdbc.queryForObject(sql.get("kpi/count-opt-outs"), window,
                (rs, n) -> new KpiReport.OptOuts(rs.getLong("sms"), rs.getLong("email")));

        KpiReport.EmailFeedback emailFeedback = jdbc.queryForObject(sql.get("kpi/count-email-feedback"), window,
                (rs, n) -> new KpiReport.EmailFeedback(rs.getLong("bounces"), rs.getLong("complaints"),
                        rs.getLong("suppressed")));

        KpiReport.SmsFeedback smsFeedback = jdbc.queryForObject(sql.get("kpi/count-sms-feedback"), window,
                (rs, n) -> new KpiReport.SmsFeedback(rs.getLong("refusals"), rs.getLong("suppressed")));

        return new KpiReport(from, to, notifications, delivery, firstUpdate, perShipment, notSent, optOuts,
                emailEngagement(window), emailFeedback, smsFeedback,
                conversations.usage(OffsetDateTime.ofInstant(from, ZoneOffset.UTC),
                        OffsetDateTime.ofInstant(to, ZoneOffset.UTC)),
                optOutRates(window));
    }

    /** Opt-outs by channel and type, and their rates (sql/kpi/count-opt-outs-by-channel-and-type.sql). */
    private Map<String, Map<String, KpiReport.OptOutRate>> optOutRates(MapSqlParameterSource window) {
        Map<String, Map<String, Long>> sent = new java.util.TreeMap<>();
        jdbc.query(sql.get("kpi/count-sent-by-channel-and-type"), window, rs -> {
            sent.computeIfAbsent(rs.getString("channel"), c -> new java.util.TreeMap<>())
                    .put(rs.getString("type"), rs.getLong("sent"));
        });
        Map<String, Map<String, KpiReport.OptOutRate>> rates = new java.util.TreeMap<>();
        jdbc.query(sql.get("kpi/count-opt-outs-by-channel-and-type"), window, rs -> {
            String channel = rs.getString("channel");
            String type = rs.getString("type");
            Map<String, Long> ofChannel = sent.getOrDefault(channel, Map.of());
            long base = "all".equals(type) ? ofChannel.values().stream().mapToLong(Long::longValue).sum()
                    : ofChannel.getOrDefault(type, 0L);
            long optOuts = rs.getLong("opt_outs");
            rates.computeIfAbsent(channel, c -> new java.util.TreeMap<>())
                    .put(type, new KpiReport.OptOutRate(optOuts, base, ratio(optOuts, base)));
        });
        return rates;
    }

    /** Opens, clicks and unsubscribes of email, per type and in all (sql/kpi/count-email-*.sql). */
    private KpiReport.EmailEngagement emailEngagement(MapSqlParameterSource window) {
        Map<String, long[]> counts = new java.util.TreeMap<>();
        jdbc.query(sql.get("kpi/count-email-engagement"), window, rs -> {
            long[] type = counts.computeIfAbsent(rs.getString("type"), t -> new long[4]);
            type[0] = rs.getLong("sent");
            type[1] = rs.getLong("opened");
            type[2] = rs.getLong("clicked");
        });
        jdbc.query(sql.get("kpi/count-email-opt-outs-by-type"), window, rs -> {
            counts.computeIfAbsent(rs.getString("type"), t -> new long[4])[3] = rs.getLong("opt_outs");
        });
        Map<String, KpiReport.TypeEngagement> byType = new LinkedHashMap<>();
        long[] totals = new long[4];
        counts.forEach((type, c) -> {
            byType.put(type, new KpiReport.TypeEngagement(c[0], c[1], c[2], c[3], ratio(c[1], c[0]),
                    ratio(c[2], c[0]), ratio(c[3], c[0])));
            for (int i = 0; i < totals.length; i++) {
                totals[i] += c[i];
            }
        });
        return new KpiReport.EmailEngagement(totals[0], totals[1], totals[2], totals[3], ratio(totals[1], totals[0]),
                ratio(totals[2], totals[0]), ratio(totals[3], totals[0]), byType);
    }

    private static Double ratio(long part, long whole) {
        return whole == 0 ? null : (double) part / whole;
    }

    private static Double seconds(BigDecimal value) {
        return value == null ? null : value.doubleValue();
    }
}
