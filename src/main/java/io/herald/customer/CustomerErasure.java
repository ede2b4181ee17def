package io.herald.customer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.herald.support.SqlFiles;
import java.nio.charset.StandardCharsets;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Erases a customer's personal data (docs/operations.md, "Erasing a customer"): the customer row, their preference
 * rows, the recipient and bodies of their notification attempts, the name in their decisions' facts, the stored
 * intake payloads that name them, and the dead-letter payloads of their attempts or that name them. Notification and
 * decision rows stay, with their type, channel, state and times, so the KPIs still count them. SMS opt-outs stay: a
 * STOP is per number and binding. Used by {@code DELETE /api/v1/customers/{id}} and by a CRM
 * {@code customer.deleted} event.
 */
@Component
public class CustomerErasure {

    /**
     * What a blanked recipient or body reads (both columns are NOT NULL): written by sql/erasure/erase-notifications.sql
     * and sql/retention/erase-notification-bodies.sql.
     */
    public static final String ERASED = "[erased]";
    /** The most attempt ids one statement names (PostgreSQL's driver takes at most 32,767 parameters). */
    static final int KEYS_A_STATEMENT = 1_000;

    private final NamedParameterJdbcTemplate jdbc;
    private final SqlFiles sql;
    private final ObjectMapper json;

    public CustomerErasure(NamedParameterJdbcTemplate jdbc, SqlFiles sql, ObjectMapper json) {
        this.jdbc = jdbc;
        this.sql = sql;
        this.json = json;
    }

    private record Contacts(String name, String email, String phone) {
    }

    /** Erases what Herald keeps of the customer; false when Herald holds nothing of them. */
    @Transactional
    public boolean erase(String customerId) {
        MapSqlParameterSource params = new MapSqlParameterSource("customerId", customerId);
        Long records = jdbc.queryForObject(sql.get("erasure/count-customer-records"), params, Long.class);
        if (records == null || records == 0) {
            return false;
        }
        List<Contacts> found = jdbc.query(sql.get("customer/find-customer-contacts"), params,
                (rs, n) -> new Contacts(rs.getString("name"), rs.getString("email"), rs.getString("phone")));
        Contacts contacts = found.isEmpty() ? new Contacts(null, null, null) : found.get(0);
        params.addValue("email", contacts.email(), Types.VARCHAR).addValue("phone", contacts.phone(), Types.VARCHAR);
        List<String> attempts = jdbc.queryForList(sql.get("erasure/list-customer-attempts"), params, String.class);
        for (int from = 0; from < attempts.size(); from += KEYS_A_STATEMENT) {
            MapSqlParameterSource ids = new MapSqlParameterSource("ids",
                    attempts.subList(from, Math.min(from + KEYS_A_STATEMENT, attempts.size())));
            jdbc.update(sql.get("erasure/erase-notifications"), ids);
            jdbc.update(sql.get("erasure/erase-attempts-dead-letters"), ids);
        }
        eraseNamesInFacts("erasure/list-decision-facts", params);
        List<String> needles = Stream.of(contacts.email(), contacts.phone(), contacts.name())
                .filter(s -> s != null && !s.isBlank()).toList();
        eraseIntakeFailures(needles, customerId);
        // a canonical event names the customer by its field, as Jackson writes it
        for (String needle : Stream.concat(needles.stream(), Stream.of("\"customerId\":\"" + customerId + "\""))
                .toList()) {
            jdbc.update(sql.get("erasure/erase-dead-letters"), new MapSqlParameterSource("pattern",
                    "%" + escapeLike(needle.toLowerCase(Locale.ROOT)) + "%"));
        }
        jdbc.update(sql.get("erasure/delete-sms-messages"), params);
        // the number's refusals and the address's bounces are facts about them; a complaint stays, as a STOP does
        jdbc.update(sql.get("sms/lift-sms-suppression"), params);
        jdbc.update(sql.get("feedback/delete-email-suppression"), new MapSqlParameterSource()
                .addValue("address", contacts.email(), Types.VARCHAR).addValue("kinds", List.of("BOUNCE")));
        jdbc.update(sql.get("erasure/delete-preferences"), params);
        jdbc.update(sql.get("erasure/delete-customer"), params);
        return true;
    }

    /**
     * Clears the customer's name in the facts of the decisions that the statement {@code listing} finds (columns
     * {@code id} and {@code facts}): the customer's erasure and the retention purge ({@code io.herald.retention}) both
     * blank names this way. The rows stay. Answers how many decisions changed.
     */
    public int eraseNamesInFacts(String listing, SqlParameterSource params) {
        List<Map.Entry<String, String>> rows = jdbc.query(sql.get(listing), params,
                (rs, n) -> Map.entry(rs.getString("id"), rs.getString("facts")));
        int changed = 0;
        for (Map.Entry<String, String> row : rows) {
            try {
                ObjectNode facts = (ObjectNode) json.readTree(row.getValue());
                if (facts.hasNonNull("customerName")) {
                    facts.putNull("customerName");
                    changed += jdbc.update(sql.get("erasure/update-decision-facts"), new MapSqlParameterSource()
                            .addValue("id", row.getKey()).addValue("facts", json.writeValueAsString(facts)));
                }
            } catch (JsonProcessingException | ClassCastException e) {
                throw new IllegalStateException("Unreadable facts of decision " + row.getKey(), e);
            }
        }
        return changed;
    }

    /**
     * Deletes the stored intake payloads that carry the customer's email, phone (as stored, E.164), name, or id as a
     * JSON string. Read in Java: a byte search in SQL is not portable between H2 and PostgreSQL.
     */
    private void eraseIntakeFailures(List<String> contacts, String customerId) {
        List<byte[]> needles = new ArrayList<>();
        contacts.forEach(c -> needles.add(c.getBytes(StandardCharsets.UTF_8)));
        needles.add(("\"" + customerId + "\"").getBytes(StandardCharsets.UTF_8));
        List<Long> matching = new ArrayList<>();
        jdbc.query(sql.get("erasure/list-intake-failure-payloads"), rs -> {
            byte[] payload = rs.getBytes("payload");
            if (needles.stream().anyMatch(needle -> contains(payload, needle))) {
                matching.add(rs.getLong("id"));
            }
        });
        for (Long id : matching) {
            jdbc.update(sql.get("erasure/delete-intake-failure"), new MapSqlParameterSource("id", id));
        }
    }

    static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
