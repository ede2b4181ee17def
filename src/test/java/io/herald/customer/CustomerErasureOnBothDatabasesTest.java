package io.herald.customer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.herald.db.BothDatabases;
import io.herald.support.SqlFiles;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The erasure's SQL (src/main/resources/sql/erasure/) on PostgreSQL and H2, on rows written as Herald writes them: a
 * customer's contacts, attempts, decision facts, stored payloads and dead letters are erased, another customer's are
 * not, and the rows the KPIs count stay.
 */
class CustomerErasureOnBothDatabasesTest {

    @RegisterExtension
    static final BothDatabases.Migrated DATABASES = BothDatabases.migrated();

    static List<BothDatabases.Database> databases() {
        return DATABASES.all();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void erasingACustomerRemovesTheirPersonalDataAndKeepsTheCounts(BothDatabases.Database database) {
        JdbcTemplate jdbc = new JdbcTemplate(database.dataSource());
        String erased = "E-" + UUID.randomUUID();
        String kept = "K-" + UUID.randomUUID();
        seed(jdbc, erased, "Mara Quillfeather", "mara.q_" + erased + "@example.org", "+4915112345001");
        seed(jdbc, kept, "Otto Keepsake", "otto.k_" + kept + "@example.org", "+4915112345002");
        // an attempt recorded before decisions existed (V3), on the customer's order; one to their address on an order
        // that is not theirs (a guest checkout with the same email)
        String beforeDecisions = attempt(jdbc, "SO-" + erased, null, "+4915112345001");
        String toTheirAddress = attempt(jdbc, "SO-GUEST-" + erased, null, "mara.q_" + erased + "@example.org");
        String notTheirs = attempt(jdbc, "SO-GUEST-" + erased, null, "someone.else_" + erased + "@example.org");
        // dead letters that name the customer otherwise than as stored: a channel's message of their attempt (its
        // recipient blanked by the erasure before the search), the address in another case, the id in an event
        deadLetter(jdbc, erased, "{\"bodyText\":\"Your parcel is on its way\"}", beforeDecisions);
        deadLetter(jdbc, erased, "{\"email\":\"MARA.Q_" + erased.toUpperCase() + "@EXAMPLE.ORG\"}", null);
        deadLetter(jdbc, erased, "{\"order\":{\"customerId\":\"" + erased + "\"}}", null);
        deadLetter(jdbc, kept, "{\"order\":{\"customerId\":\"" + kept + "\"}}", notTheirs);
        CustomerErasure erasure = new CustomerErasure(database.jdbc(), new SqlFiles(), new ObjectMapper());

        assertThat(erasure.erase(erased)).isTrue();

        for (String id : List.of(beforeDecisions, toTheirAddress)) {
            assertThat(jdbc.queryForObject("SELECT recipient FROM notification WHERE id = ?", String.class, id))
                    .isEqualTo(CustomerErasure.ERASED);
        }
        assertThat(jdbc.queryForObject("SELECT recipient FROM notification WHERE id = ?", String.class, notTheirs))
                .isEqualTo("someone.else_" + erased + "@example.org");

        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM customer WHERE customer_id = ?", Long.class, erased))
                .isZero();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM preference WHERE customer_id = ?", Long.class, erased))
                .isZero();
        assertThat(jdbc.queryForList("SELECT recipient, subject, body_text, body_html FROM notification "
                + "WHERE customer_id = ?", erased)).singleElement().satisfies(row -> assertThat(row.values())
                        .containsExactly(CustomerErasure.ERASED, null, CustomerErasure.ERASED, null));
        assertThat(jdbc.queryForObject("SELECT facts FROM decision WHERE customer_id = ?", String.class, erased))
                .doesNotContain("Mara").contains("\"type\":\"shipped\"");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM intake_failure WHERE source = ?", Long.class, erased))
                .isZero();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM dead_letter WHERE stage = ? AND payload IS NOT NULL",
                Long.class, erased)).isZero();
        assertThat(jdbc.queryForObject("SELECT state FROM notification WHERE customer_id = ?", String.class, erased))
                .isEqualTo("SENT");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM sms_suppression WHERE phone = '+4915112345001'",
                Long.class)).isZero();
        assertThat(jdbc.queryForList("SELECT kind FROM email_suppression WHERE address = ?", String.class,
                "mara.q_" + erased.toLowerCase() + "@example.org")).as("a complaint stays, as a STOP does")
                .containsExactly("COMPLAINT");

        assertThat(jdbc.queryForObject("SELECT name FROM customer WHERE customer_id = ?", String.class, kept))
                .isEqualTo("Otto Keepsake");
        assertThat(jdbc.queryForObject("SELECT body_text FROM notification WHERE customer_id = ?", String.class,
                kept)).contains("Otto");
        assertThat(jdbc.queryForObject("SELECT facts FROM decision WHERE customer_id = ?", String.class, kept))
                .contains("Otto");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM intake_failure WHERE source = ?", Long.class, kept))
                .isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM dead_letter WHERE stage = ? AND payload IS NOT NULL",
                Long.class, kept)).isEqualTo(2);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM sms_suppression WHERE phone = '+4915112345002'",
                Long.class)).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM email_suppression WHERE address = ?", Long.class,
                "otto.k_" + kept.toLowerCase() + "@example.org")).isEqualTo(2);
    }

    /*
     * The notification table keeps every attempt for the KPIs, and the decision table every decision: an erasure
     * finds the customer's through indexes, never by reading either whole.
     */
    @ParameterizedTest
    @MethodSource("databases")
    void theErasureFindsTheCustomersAttemptsAndDecisionsThroughIndexes(BothDatabases.Database database)
            throws java.sql.SQLException {
        var keys = new org.springframework.jdbc.core.namedparam.MapSqlParameterSource().addValue("customerId", "C-1")
                .addValue("email", "c1@example.org").addValue("phone", "+4915112345009");
        for (String statement : List.of("erasure/list-customer-attempts", "erasure/list-decision-facts",
                "erasure/count-customer-records")) {
            String plan = database.planOf(statement, keys);

            if (database.vendor().equals("h2")) {
                assertThat(plan).as(statement).doesNotContain("notification.tablescan", "decision.tablescan");
            } else {
                assertThat(plan).as(statement).doesNotContain("seq scan on notification", "seq scan on decision");
            }
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aCustomerWithMoreAttemptsThanOneStatementNamesHasThemAllErased(BothDatabases.Database database) {
        JdbcTemplate jdbc = new JdbcTemplate(database.dataSource());
        String customerId = "M-" + UUID.randomUUID();
        String email = "many_" + customerId + "@example.org";
        seed(jdbc, customerId, "Many Messages", email, "+4915112345003");
        jdbc.batchUpdate("INSERT INTO notification (id, subject_key, type, channel, order_id, locale, recipient, "
                + "body_text, state, created_at, updated_at) VALUES (?, 'order:SO-OLD', 'shipped', 'email', "
                + "'SO-OLD', 'en', ?, 'Shipped', 'SENT', ?, ?)", java.util.stream.IntStream
                .range(0, CustomerErasure.KEYS_A_STATEMENT + 1).mapToObj(i -> new Object[] {
                        UUID.randomUUID().toString(), email, OffsetDateTime.of(2026, 3, 2, 9, 0, 0, 0, ZoneOffset.UTC),
                        OffsetDateTime.of(2026, 3, 2, 9, 0, 0, 0, ZoneOffset.UTC)}).toList());

        assertThat(new CustomerErasure(database.jdbc(), new SqlFiles(), new ObjectMapper()).erase(customerId))
                .isTrue();

        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM notification WHERE recipient = ?", Long.class, email))
                .isZero();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void erasingAnUnknownCustomerFindsNothing(BothDatabases.Database database) {
        CustomerErasure erasure = new CustomerErasure(database.jdbc(), new SqlFiles(), new ObjectMapper());

        assertThat(erasure.erase("NOBODY-" + UUID.randomUUID())).isFalse();
    }

    /** An attempt without a decision, SENT, of no customer, on this order to this recipient. */
    private static String attempt(JdbcTemplate jdbc, String orderId, String customerId, String recipient) {
        String id = UUID.randomUUID().toString();
        OffsetDateTime now = OffsetDateTime.of(2026, 3, 2, 9, 0, 0, 0, ZoneOffset.UTC);
        jdbc.update("INSERT INTO notification (id, subject_key, type, channel, order_id, customer_id, locale, "
                        + "recipient, subject, body_text, state, created_at, updated_at) "
                        + "VALUES (?, ?, 'shipped', ?, ?, ?, 'en', ?, NULL, 'Shipped', 'SENT', ?, ?)",
                id, "order:" + orderId, recipient.startsWith("+") ? "sms" : "email", orderId, customerId, recipient,
                now, now);
        return id;
    }

    private static void deadLetter(JdbcTemplate jdbc, String stage, String payload, String notificationId) {
        jdbc.update("INSERT INTO dead_letter (stage, reason, payload, notification_id, created_at) "
                + "VALUES (?, 'test', ?, ?, ?)", stage, payload, notificationId,
                OffsetDateTime.of(2026, 3, 2, 9, 0, 0, 0, ZoneOffset.UTC));
    }

    private static void seed(JdbcTemplate jdbc, String customerId, String name, String email, String phone) {
        OffsetDateTime now = OffsetDateTime.of(2026, 3, 2, 9, 0, 0, 0, ZoneOffset.UTC);
        String orderId = "SO-" + customerId;
        String decisionId = UUID.randomUUID().toString();
        jdbc.update("INSERT INTO customer (customer_id, name, email, phone, updated_at) VALUES (?, ?, ?, ?, ?)",
                customerId, name, email, phone, now);
        jdbc.update("INSERT INTO preference (customer_id, type, channel, enabled, origin, changed_at) "
                + "VALUES (?, '*', 'sms', TRUE, 'CUSTOMER', ?)", customerId, now);
        jdbc.update("INSERT INTO customer_order (order_id, status, customer_id, last_event_at, updated_at) "
                + "VALUES (?, 'PAID', ?, ?, ?)", orderId, customerId, now, now);
        jdbc.update("INSERT INTO decision (id, subject_key, type, trigger_fingerprint, rule, critical, order_id, "
                        + "customer_id, facts, event_occurred_at, state, created_at, updated_at) "
                        + "VALUES (?, ?, 'shipped', ?, 'shipped', FALSE, ?, ?, ?, ?, 'DECIDED', ?, ?)",
                decisionId, "order:" + orderId, "fp-" + decisionId, orderId, customerId,
                "{\"type\":\"shipped\",\"orderId\":\"" + orderId + "\",\"customerName\":\"" + name + "\"}", now, now,
                now);
        jdbc.update("INSERT INTO notification (id, subject_key, type, channel, order_id, customer_id, locale, "
                        + "recipient, subject, body_text, body_html, state, created_at, updated_at, decision_id) "
                        + "VALUES (?, ?, 'shipped', 'email', ?, ?, 'en', ?, ?, ?, ?, 'SENT', ?, ?, ?)",
                UUID.randomUUID().toString(), "order:" + orderId, orderId, customerId, email,
                "Your order is on its way, " + name, "Hello " + name, "<p>Hello " + name + "</p>", now, now,
                decisionId);
        byte[] payload = ("{\"profile\":{\"customerId\":\"" + customerId + "\",\"email\":\"" + email + "\"}}")
                .getBytes(StandardCharsets.UTF_8);
        jdbc.update("INSERT INTO intake_failure (source, reason_code, detail, payload, payload_hash, first_seen, "
                + "last_seen, seen_count) VALUES (?, 'INVALID_EVENT', 'test', ?, ?, ?, ?, 1)", customerId, payload,
                UUID.randomUUID().toString(), now, now);
        jdbc.update("INSERT INTO dead_letter (stage, reason, payload, created_at) VALUES (?, 'test', ?, ?)",
                customerId, "{\"customer\":{\"phone\":\"" + phone + "\"}}", now);
        jdbc.update("INSERT INTO sms_suppression (phone, error_code, notification_id, suppressed_at) "
                + "VALUES (?, 30005, ?, ?)", phone, UUID.randomUUID().toString(), now);
        for (String kind : List.of("BOUNCE", "COMPLAINT")) {
            jdbc.update("INSERT INTO email_suppression (address, kind, source, notification_id, suppressed_at) "
                    + "VALUES (?, ?, 'dsn', ?, ?)", email.toLowerCase(), kind, UUID.randomUUID().toString(), now);
        }
    }
}
