package io.herald.sms;

import io.herald.support.SqlFiles;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The SMS conversations, in table {@code sms_message} (db/&lt;vendor&gt;/V9__sms_conversation.sql): every message a
 * number sent to Herald and Herald's reply, per number and per customer; and the counts the KPIs report.
 */
@Component
public class SmsConversations {

    /** One message of a conversation: direction {@code IN} (from the number) or {@code OUT} (Herald's reply). */
    public record Message(String phone, String customerId, String direction, String body, String keyword,
                          OffsetDateTime at) {
    }

    /**
     * Inbound SMS and Herald's replies in a window, for the KPIs.
     *
     * @param inbound  messages numbers sent to Herald
     * @param replies  Herald's replies (an empty TwiML answer is none)
     * @param keywords inbound messages per keyword: opt_out, opt_in, help, status, other
     */
    public record Usage(long inbound, long replies, Map<String, Long> keywords) {
    }

    private final NamedParameterJdbcTemplate jdbc;
    private final SqlFiles sql;

    public SmsConversations(NamedParameterJdbcTemplate jdbc, SqlFiles sql) {
        this.jdbc = jdbc;
        this.sql = sql;
    }

    void inbound(String phone, String customerId, String body, Keyword keyword, String messageSid, OffsetDateTime at) {
        insert(phone, customerId, "IN", body, keyword.tag(), messageSid, at);
    }

    void reply(String phone, String customerId, String body, OffsetDateTime at) {
        insert(phone, customerId, "OUT", body, null, null, at);
    }

    private void insert(String phone, String customerId, String direction, String body, String keyword,
                        String providerId, OffsetDateTime at) {
        jdbc.update(sql.get("sms/insert-sms-message"), new MapSqlParameterSource()
                .addValue("phone", phone)
                .addValue("customerId", customerId)
                .addValue("direction", direction)
                .addValue("body", body.length() > 1600 ? body.substring(0, 1600) : body)
                .addValue("keyword", keyword)
                .addValue("providerId", providerId)
                .addValue("at", at));
    }

    /**
     * Whether the next SMS to this number carries the opt-out notice: no SMS that carries it is on its way or sent. One
     * the provider refused or did not deliver, or one never sent as it went out of date, leaves it to the next.
     */
    public boolean needsOptOutNotice(String phone) {
        return jdbc.queryForList(sql.get("sms/count-sms-to-number"), new MapSqlParameterSource("phone", phone),
                Integer.class).isEmpty();
    }

    /** The latest messages of all conversations, at most {@code limit}, newest first. */
    public List<Message> latest(int limit) {
        return jdbc.query(sql.get("sms/list-conversations"), new MapSqlParameterSource("limit", limit),
                (rs, n) -> new Message(rs.getString("phone"), rs.getString("customer_id"),
                        rs.getString("direction"), rs.getString("body"), rs.getString("keyword"),
                        rs.getObject("created_at", OffsetDateTime.class)));
    }

    /** Inbound messages, replies and keyword use in {@code [from, to)}: for {@code KpiReport}. */
    public Usage usage(OffsetDateTime from, OffsetDateTime to) {
        long[] counts = new long[2];
        Map<String, Long> keywords = new TreeMap<>();
        jdbc.query(sql.get("sms/count-sms-usage"), new MapSqlParameterSource().addValue("from", from)
                .addValue("to", to), rs -> {
            long messages = rs.getLong("messages");
            if ("IN".equals(rs.getString("direction"))) {
                counts[0] += messages;
                keywords.merge(rs.getString("keyword"), messages, Long::sum);
            } else {
                counts[1] += messages;
            }
        });
        return new Usage(counts[0], counts[1], keywords);
    }
}
