package io.herald.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A customer erased through {@code DELETE /api/v1/customers/{id}}, and another through a CRM {@code customer.deleted}
 * event, leave no email, phone number or name in Herald's tables, while their notifications still count.
 */
class CustomerErasureIT extends HeraldIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final String[] CRM_KEY = {"X-Api-Key", "crm-api-key-7"};
    private static final List<String> TABLES = List.of("customer", "notification", "decision", "intake_failure",
            "preference", "timeline", "dead_letter");

    @Test
    void erasedCustomerLeavesNoPersonalData() {
        Person api = new Person("C-ERASE-1", "SO-ERASE-1", "Wilhelmina Erasmussen", "wilhelmina.erase@example.net",
                "+4915112349901");
        Person crm = new Person("C-ERASE-2", "SO-ERASE-2", "Bartholomew Vanishwell", "bart.vanish@example.net",
                "+4915112349902");
        for (Person person : List.of(api, crm)) {
            assertThat(post("/api/v1/intake/oms", order(person)).statusCode()).isEqualTo(202);
            String tracking = trackingNumber("ERASE");
            publishWms(tracking, SamplePayloads.wmsShipped(person.orderId(), tracking, 5));
            await().atMost(WAIT).until(() -> mailsTo(person.email()).size() == 2);
            // the mail server has the messages before the attempts' SENT is committed: wait for the commits
            await().atMost(WAIT).until(() -> notificationsOf(person.orderId()).stream()
                    .filter(n -> "SENT".equals(n.get("STATE"))).count() == 2);
            // a payload that names the customer and is refused: kept for replay until the customer is erased
            assertThat(post("/api/v1/intake/crm", crmProfile(person), CRM_KEY).statusCode()).isEqualTo(422);
        }
        await().atMost(WAIT).until(() -> Stream.of(api, crm).allMatch(p -> !intakeFailuresWith(p.email()).isEmpty()));

        assertThat(delete("/api/v1/customers/" + api.customerId()).statusCode()).isEqualTo(204);
        assertThat(post("/api/v1/intake/crm", """
                {"eventId": "crm-erase-2", "eventType": "customer.deleted", "updatedAt": "%s",
                 "profile": {"customerId": "%s"}}
                """.formatted(SamplePayloads.at(0), crm.customerId()), CRM_KEY).statusCode()).isEqualTo(202);
        await().atMost(WAIT).until(() -> jdbc.queryForObject("SELECT COUNT(*) FROM customer WHERE customer_id = ?",
                Long.class, crm.customerId()) == 0);

        for (Person person : List.of(api, crm)) {
            for (String trace : List.of(person.email(), person.phone(), person.name())) {
                assertThat(tablesContaining(trace)).as("tables holding a trace of %s", person.customerId())
                        .isEmpty();
            }
            assertThat(notificationsOf(person.orderId())).hasSize(2)
                    .allSatisfy(n -> assertThat(n.get("STATE")).isEqualTo("SENT"));
        }
        assertThat(delete("/api/v1/customers/" + api.customerId()).statusCode())
                .as("erasing again: the kept rows still name the id").isEqualTo(204);
        HttpResponse<String> unknown = delete("/api/v1/customers/C-ERASE-NEVER-SEEN");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
    }

    private record Person(String customerId, String orderId, String name, String email, String phone) {
    }

    private List<String> tablesContaining(String trace) {
        return TABLES.stream().filter(table -> jdbc.queryForList("SELECT * FROM " + table).stream()
                .flatMap(row -> row.values().stream()).anyMatch(value -> text(value).contains(trace))).toList();
    }

    private static String text(Object value) {
        try {
            if (value instanceof byte[] bytes) {
                return new String(bytes, StandardCharsets.UTF_8);
            }
            if (value instanceof java.sql.Blob blob) {
                return new String(blob.getBytes(1, (int) blob.length()), StandardCharsets.UTF_8);
            }
            if (value instanceof java.sql.Clob clob) {
                return clob.getSubString(1, (int) clob.length());
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        return String.valueOf(value);
    }

    private static String order(Person p) {
        return """
                {"eventId": "evt-%1$s", "eventType": "order.created", "occurredAt": "%6$s",
                 "order": {"id": "%1$s", "status": "pending", "currency": "EUR", "total": 19.90,
                           "items": [{"sku": "CUP-7", "name": "Tea cup", "quantity": 1}]},
                 "customer": {"id": "%2$s", "name": "%3$s", "email": "%4$s", "phone": "%5$s",
                              "locale": "en", "timezone": "Europe/Berlin", "notify": "email"}}
                """.formatted(p.orderId(), p.customerId(), p.name(), p.email(), p.phone(), SamplePayloads.at(10));
    }

    /** A profile update whose updatedAt is unreadable: refused with INVALID_EVENT, and kept. */
    private static String crmProfile(Person p) {
        return """
                {"eventId": "crm-%1$s", "eventType": "customer.updated", "updatedAt": "not a time",
                 "profile": {"customerId": "%1$s", "displayName": "%2$s", "email": "%3$s", "mobile": "%4$s"}}
                """.formatted(p.customerId(), p.name(), p.email(), p.phone());
    }
}
