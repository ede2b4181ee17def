package io.herald.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import io.herald.db.BothDatabases;
import io.herald.support.SqlFiles;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;

/**
 * A customer's suppressions on H2 and PostgreSQL: the reports against their current address and number, and an
 * operator's lifting of one channel's, which the decide stage then sees.
 */
class SuppressionsOnBothDatabasesTest {

    @RegisterExtension
    static final BothDatabases.Migrated DATABASES = BothDatabases.migrated();

    static List<BothDatabases.Database> databases() {
        return DATABASES.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void theCustomersReportsShowAndAnOperatorLiftsOneChannelsAlone(BothDatabases.Database db) {
        Suppressions suppressions = new Suppressions(db.jdbc(), new SqlFiles());
        String id = UUID.randomUUID().toString().substring(0, 8);
        String address = "bounced." + id + "@customer.example";
        String phone = "+4915112" + String.format("%06d", Math.floorMod(id.hashCode(), 1_000_000));
        String orderId = customerWithOrder(db, "C-" + id, "Bounced." + id + "@Customer.example", phone);
        OffsetDateTime first = OffsetDateTime.of(2026, 12, 1, 9, 0, 0, 0, ZoneOffset.UTC);
        emailSuppression(db, address, "BOUNCE", "dsn", first);
        emailSuppression(db, address, "COMPLAINT", "mailgun", first.plusHours(2));
        emailSuppression(db, "someone.else." + id + "@customer.example", "BOUNCE", "dsn", first);
        smsSuppression(db, phone, 30005, first.plusHours(1));

        Suppressions.View view = suppressions.of("C-" + id).orElseThrow();

        assertThat(view.email().suppressed()).isTrue();
        assertThat(view.email().reports()).extracting(r -> r.kind() + " " + r.source())
                .as("the customer's address, whatever its case, oldest first").containsExactly("BOUNCE dsn",
                        "COMPLAINT mailgun");
        assertThat(view.sms().reports()).singleElement().satisfies(r -> {
            assertThat(r.errorCode()).isEqualTo(30005);
            assertThat(r.at().toInstant()).isEqualTo(first.plusHours(1).toInstant());
        });
        assertThat(subjectFlags(db, orderId)).containsExactly(true, true);

        assertThat(suppressions.lift("C-" + id, "email")).isTrue();

        assertThat(suppressions.of("C-" + id).orElseThrow().email().suppressed()).isFalse();
        assertThat(subjectFlags(db, orderId)).as("the decide stage sends email again, SMS not yet")
                .containsExactly(false, true);
        assertThat(db.jdbc().queryForObject("SELECT COUNT(*) FROM email_suppression WHERE address = :address",
                new MapSqlParameterSource("address", "someone.else." + id + "@customer.example"), Integer.class))
                .as("another address's reports stay").isEqualTo(1);

        assertThat(suppressions.lift("C-" + id, "sms")).isTrue();
        assertThat(subjectFlags(db, orderId)).containsExactly(false, false);
        assertThat(suppressions.lift("C-" + id, "sms")).as("nothing left to lift changes nothing").isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void anUnknownCustomerHasNoSuppressionsToShowOrLift(BothDatabases.Database db) {
        Suppressions suppressions = new Suppressions(db.jdbc(), new SqlFiles());

        assertThat(suppressions.of("NOBODY-" + UUID.randomUUID())).isEmpty();
        assertThat(suppressions.lift("NOBODY-" + UUID.randomUUID(), "email")).isFalse();
    }

    /** Whether the decide stage sees the customer's address and number as suppressed. */
    private static List<Boolean> subjectFlags(BothDatabases.Database db, String orderId) {
        return db.jdbc().queryForObject(new SqlFiles().get("decide/find-order-subject"),
                new MapSqlParameterSource("orderId", orderId),
                (rs, n) -> List.of(rs.getBoolean("email_suppressed"), rs.getBoolean("phone_suppressed")));
    }

    private static String customerWithOrder(BothDatabases.Database db, String customerId, String email, String phone) {
        String orderId = "SO-" + customerId;
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        db.jdbc().update("INSERT INTO customer (customer_id, email, phone, updated_at) VALUES (:id, :email, :phone, "
                + ":now)", new MapSqlParameterSource().addValue("id", customerId).addValue("email", email)
                .addValue("phone", phone).addValue("now", now));
        db.jdbc().update("INSERT INTO customer_order (order_id, customer_id, status, last_event_at, updated_at) "
                + "VALUES (:id, :customerId, 'PLACED', :now, :now)", new MapSqlParameterSource().addValue("id", orderId)
                .addValue("customerId", customerId).addValue("now", now));
        return orderId;
    }

    private static void emailSuppression(BothDatabases.Database db, String address, String kind, String source,
                                         OffsetDateTime at) {
        db.jdbc().update(new SqlFiles().get("feedback/insert-email-suppression"), new MapSqlParameterSource()
                .addValue("address", address).addValue("kind", kind).addValue("source", source)
                .addValue("notificationId", UUID.randomUUID().toString()).addValue("detail", null)
                .addValue("now", at));
    }

    private static void smsSuppression(BothDatabases.Database db, String phone, int code, OffsetDateTime at) {
        db.jdbc().update(new SqlFiles().get("feedback/insert-sms-suppression"), new MapSqlParameterSource()
                .addValue("phone", phone).addValue("errorCode", code)
                .addValue("notificationId", UUID.randomUUID().toString()).addValue("now", at));
    }
}
