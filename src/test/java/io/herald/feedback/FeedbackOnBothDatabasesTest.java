package io.herald.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import io.herald.db.BothDatabases;
import io.herald.notify.LoggedAttempts;
import io.herald.notify.NotificationLog;
import io.herald.notify.OutboundPublisher;
import io.herald.ops.HeraldMetrics;
import io.herald.support.SqlFiles;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Provider reports on H2 and PostgreSQL: the conditional updates of sql/feedback, the suppression list, and the decide
 * stage's view of a suppressed address. The fallback itself is the decide stage's (FeedbackIT); here it is only
 * asked for.
 */
class FeedbackOnBothDatabasesTest {

    @RegisterExtension
    static final BothDatabases.Migrated DATABASES = BothDatabases.migrated();

    static List<BothDatabases.Database> databases() {
        return DATABASES.all();
    }

    private record Parts(NotificationLog log, DeliveryFeedback feedback, List<String> fallBacks) {
    }

    private static Parts parts(BothDatabases.Database db) {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        NotificationLog log = new NotificationLog(db.jdbc(), new SqlFiles(), new HeraldMetrics(meters),
                Clock.systemUTC());
        List<String> fallBacks = new java.util.ArrayList<>();
        DeliveryFeedback feedback = new DeliveryFeedback(db.jdbc(), new SqlFiles(), log, (id, reason) -> {
            fallBacks.add(id);
            return List.of();
        }, new TransactionTemplate(new DataSourceTransactionManager(db.dataSource())), new OutboundPublisher(null),
                meters, Clock.systemUTC());
        return new Parts(log, feedback, fallBacks);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void deliveredCallbackNeverOverwrittenByLateSent(BothDatabases.Database db) {
        Parts p = parts(db);
        String id = LoggedAttempts.sent(p.log(), "sms", "+4915112340077");

        assertThat(p.feedback().smsStatus(id, "delivered", null, "SM1")).contains("DELIVERED");
        assertThat(p.feedback().smsStatus(id, "sent", null, "SM1")).isEmpty();
        assertThat(p.feedback().smsStatus(id, "undelivered", "30003", "SM1")).isEmpty();
        p.log().markSent(id, "sms", "SM1", 0);

        assertThat(p.log().stateOf(id)).contains("DELIVERED");
        assertThat(p.fallBacks()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void undeliveredKeepsTwiliosErrorCodeAndDeliveredStillWins(BothDatabases.Database db) {
        Parts p = parts(db);
        String id = LoggedAttempts.sent(p.log(), "sms", "+4915112340078");

        assertThat(p.feedback().smsStatus(id, "undelivered", "30003", "SM2")).contains("UNDELIVERED");
        assertThat(p.feedback().smsStatus(id, "failed", "30005", "SM2")).as("final").isEmpty();
        assertThat(p.log().findById(id)).hasValueSatisfying(n -> {
            assertThat(n.state()).isEqualTo("UNDELIVERED");
            assertThat(n.failureReason()).isEqualTo("Twilio 30003 (undelivered)");
        });

        assertThat(p.feedback().smsStatus(id, "delivered", null, "SM2")).contains("DELIVERED");
        assertThat(p.log().stateOf(id)).contains("DELIVERED");
        assertThat(p.fallBacks()).as("asked once, for the first final report").containsExactly(id);
    }

    /**
     * A report about the attempt's first send, which failed and which an operator then sent again, arrives after the
     * second send went out: it names the first message's SID, and changes nothing of the second's.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aLateReportAboutAnEarlierSendOfTheAttemptMovesNothing(BothDatabases.Database db) {
        Parts p = parts(db);
        String id = LoggedAttempts.decided(p.log(), "sms", "+4915112340083");
        p.log().claim(id);
        p.log().markSent(id, "sms", "SM-second", 0);

        assertThat(p.feedback().smsStatus(id, "undelivered", "30003", "SM-first")).isEmpty();
        assertThat(p.log().stateOf(id)).contains("SENT");
        assertThat(p.fallBacks()).isEmpty();

        assertThat(p.feedback().smsStatus(id, "undelivered", "30003", "SM-second")).contains("UNDELIVERED");
        assertThat(p.fallBacks()).containsExactly(id);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void callbackBeforeTheHandOffsOwnRecordFillsInTheProviderId(BothDatabases.Database db) {
        Parts p = parts(db);
        String id = LoggedAttempts.decided(p.log(), "sms", "+4915112340079");
        p.log().claim(id);

        assertThat(p.feedback().smsStatus(id, "sent", null, "SM3")).contains("SENT");

        assertThat(p.log().findById(id)).hasValueSatisfying(n -> {
            assertThat(n.state()).isEqualTo("SENT");
            assertThat(n.providerId()).isEqualTo("SM3");
            assertThat(n.sentAt()).isNotNull();
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void finalCallbackBeforeTheHandOffsOwnRecordIsNotUndoneByIt(BothDatabases.Database db) {
        Parts p = parts(db);
        String failed = LoggedAttempts.decided(p.log(), "sms", "+4915112340081");
        String undelivered = LoggedAttempts.decided(p.log(), "sms", "+4915112340082");
        p.log().claim(failed);
        p.log().claim(undelivered);

        assertThat(p.feedback().smsStatus(failed, "failed", "30005", "SM4")).contains("FAILED");
        assertThat(p.feedback().smsStatus(undelivered, "undelivered", "30003", "SM5")).contains("UNDELIVERED");
        p.log().markSent(failed, "sms", "SM4", 0);
        p.log().markSent(undelivered, "sms", "SM5", 0);

        assertThat(p.log().stateOf(failed)).contains("FAILED");
        assertThat(p.log().stateOf(undelivered)).contains("UNDELIVERED");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void hardBounceSuppressesTheAddressOnce(BothDatabases.Database db) {
        Parts p = parts(db);
        String address = "bounce." + UUID.randomUUID() + "@customer.example";
        String id = LoggedAttempts.sent(p.log(), "email", address.toUpperCase());
        String customerId = "C-" + UUID.randomUUID();
        String orderId = "SO-" + UUID.randomUUID();
        customerWithOrder(db, customerId, orderId, address);
        assertThat(suppressed(db, orderId)).isFalse();

        assertThat(p.feedback().emailReport("<" + id + "@example.com>", DeliveryFeedback.Kind.BOUNCE, "dsn",
                "5.1.1 smtp; 550 <" + address + ">: User unknown")).isTrue();
        assertThat(p.feedback().emailReport(id + "@example.com", DeliveryFeedback.Kind.BOUNCE, "mailgun", "550"))
                .as("Mailgun writes the Message-ID without brackets").isTrue();
        assertThat(p.feedback().emailReport("<" + id + "@example.com>", DeliveryFeedback.Kind.BOUNCE, "dsn",
                "again")).isTrue();

        assertThat(p.log().findById(id)).hasValueSatisfying(n -> {
            assertThat(n.state()).isEqualTo("UNDELIVERED");
            assertThat(n.failureReason()).startsWith("bounced (dsn)").doesNotContain(address);
        });
        assertThat(db.jdbc().queryForList("SELECT address, source FROM email_suppression WHERE notification_id = :id",
                new MapSqlParameterSource("id", id))).extracting(r -> r.get("address") + " " + r.get("source"))
                .as("one bounce of one attempt, however often and by whom it is reported")
                .containsExactly(address + " dsn");
        assertThat(suppressed(db, orderId)).as("the decide stage sees the address as suppressed").isTrue();
        assertThat(p.fallBacks()).as("a bounce asks for the fallback once").containsExactly(id);

        var counts = db.jdbc().queryForMap(new SqlFiles().get("kpi/count-email-feedback"), new MapSqlParameterSource()
                .addValue("from", OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(5))
                .addValue("to", OffsetDateTime.now(ZoneOffset.UTC).plusMinutes(5)));
        assertThat(((Number) counts.get("bounces")).longValue()).isGreaterThanOrEqualTo(1);
        assertThat(((Number) counts.get("suppressed")).longValue()).isGreaterThanOrEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void reportNamingNoAttemptOfHeraldsChangesNothing(BothDatabases.Database db) {
        Parts p = parts(db);
        assertThat(p.feedback().emailReport("<not-ours@elsewhere.example>", DeliveryFeedback.Kind.COMPLAINT,
                "mailgun", null)).isFalse();
        String sms = LoggedAttempts.sent(p.log(), "sms", "+4915112340080");
        assertThat(p.feedback().emailReport("<" + sms + "@example.com>", DeliveryFeedback.Kind.BOUNCE, "dsn", null))
                .as("an SMS attempt's id is no email's").isFalse();
        assertThat(p.log().stateOf(sms)).contains("SENT");
    }

    private static boolean suppressed(BothDatabases.Database db, String orderId) {
        return db.jdbc().queryForObject(new SqlFiles().get("decide/find-order-subject"),
                new MapSqlParameterSource("orderId", orderId), (rs, n) -> rs.getBoolean("email_suppressed"));
    }

    private static void customerWithOrder(BothDatabases.Database db, String customerId, String orderId, String email) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        db.jdbc().update("INSERT INTO customer (customer_id, email, updated_at) VALUES (:id, :email, :now)",
                new MapSqlParameterSource().addValue("id", customerId).addValue("email", email).addValue("now", now));
        db.jdbc().update("INSERT INTO customer_order (order_id, customer_id, status, last_event_at, updated_at) "
                + "VALUES (:id, :customerId, 'PLACED', :now, :now)", new MapSqlParameterSource().addValue("id", orderId)
                .addValue("customerId", customerId).addValue("now", now));
    }
}
