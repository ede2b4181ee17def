package io.herald.sms;

import static org.assertj.core.api.Assertions.assertThat;

import io.herald.db.BothDatabases;
import io.herald.decide.PreferenceProperties;
import io.herald.decide.PreferenceStore;
import io.herald.feedback.Suppressions;
import io.herald.notify.LoggedAttempts;
import io.herald.notify.NotificationLog;
import io.herald.ops.HeraldMetrics;
import io.herald.support.SqlFiles;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;

/**
 * What Twilio's refusals record about a number, on H2 and PostgreSQL: the SMS suppression list (V26), the decide
 * stage's view of a suppressed number, and its lifting by an SMS from the number. The routes that call it are
 * DeliveryResilienceIT's (the API's 400) and FeedbackIT's (the status callback).
 */
class TwilioRefusalsOnBothDatabasesTest {

    @RegisterExtension
    static final BothDatabases.Migrated DATABASES = BothDatabases.migrated();

    static List<BothDatabases.Database> databases() {
        return DATABASES.all();
    }

    private record Parts(NotificationLog log, TwilioRefusals refusals, SimpleMeterRegistry meters) {
    }

    private static Parts parts(BothDatabases.Database db) {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        NotificationLog log = new NotificationLog(db.jdbc(), new SqlFiles(), new HeraldMetrics(meters),
                Clock.systemUTC());
        PreferenceStore preferences = new PreferenceStore(db.jdbc(), new SqlFiles(),
                new PreferenceProperties(new PreferenceProperties.Defaults(null, null)));
        return new Parts(log, new TwilioRefusals(preferences, log, db.jdbc(), new SqlFiles(), meters,
                Clock.systemUTC()), meters);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aNumberThatCannotTakeAnSmsIsSuppressedOnceUntilItTexts(BothDatabases.Database db) {
        Parts p = parts(db);
        String phone = phone();
        String orderId = customerWithOrder(db, phone);
        String first = LoggedAttempts.sent(p.log(), "sms", phone);
        String second = LoggedAttempts.sent(p.log(), "sms", phone);
        assertThat(phoneSuppressed(db, orderId)).isFalse();

        p.refusals().reported(first, "30005");
        p.refusals().reported(first, " 30005 ");
        p.refusals().reported(second, "30006");

        assertThat(db.jdbc().queryForList("SELECT error_code FROM sms_suppression WHERE phone = :phone ORDER BY "
                + "error_code", new MapSqlParameterSource("phone", phone), Integer.class))
                .as("one row per refused attempt, however often it is reported").containsExactly(30005, 30006);
        assertThat(p.meters().get("herald.sms.suppressions").tag("code", "30005").counter().count()).isEqualTo(1);
        assertThat(phoneSuppressed(db, orderId)).as("the decide stage sees the number as suppressed").isTrue();
        assertThat(openStops(db, phone)).as("a number out of service did not send STOP").isZero();

        assertThat(new Suppressions(db.jdbc(), new SqlFiles()).liftNumber(phone)).isEqualTo(2);

        assertThat(phoneSuppressed(db, orderId)).as("an SMS from the number lifts it").isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void errorsAboutTheMessageOrTheMomentSayNothingOfTheNumber(BothDatabases.Database db) {
        Parts p = parts(db);
        String phone = phone();
        String orderId = customerWithOrder(db, phone);
        String id = LoggedAttempts.sent(p.log(), "sms", phone);

        for (String code : List.of("30003", "30007", "30008", "", "abc", "99999999999")) {
            p.refusals().reported(id, code);
        }
        p.refusals().reported(id, null);

        assertThat(phoneSuppressed(db, orderId)).isFalse();
        assertThat(openStops(db, phone)).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void anUnsubscribedRecipientIsAStopNotASuppression(BothDatabases.Database db) {
        Parts p = parts(db);
        String phone = phone();
        String orderId = customerWithOrder(db, phone);
        String id = LoggedAttempts.sent(p.log(), "sms", phone);

        p.refusals().reported(id, "21610");

        assertThat(openStops(db, phone)).isEqualTo(1);
        assertThat(phoneSuppressed(db, orderId)).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void anEmailAttemptsReportSuppressesNoNumber(BothDatabases.Database db) {
        Parts p = parts(db);
        String phone = phone();
        String orderId = customerWithOrder(db, phone);
        String id = LoggedAttempts.sent(p.log(), "email", "someone@customer.example");

        p.refusals().reported(id, "21211");

        assertThat(phoneSuppressed(db, orderId)).isFalse();
        assertThat(db.jdbc().queryForObject("SELECT COUNT(*) FROM sms_suppression WHERE notification_id = :id",
                new MapSqlParameterSource("id", id), Integer.class)).isZero();
    }

    private static boolean phoneSuppressed(BothDatabases.Database db, String orderId) {
        return db.jdbc().queryForObject(new SqlFiles().get("decide/find-order-subject"),
                new MapSqlParameterSource("orderId", orderId), (rs, n) -> rs.getBoolean("phone_suppressed"));
    }

    private static int openStops(BothDatabases.Database db, String phone) {
        return db.jdbc().queryForObject("SELECT COUNT(*) FROM sms_opt_out WHERE phone = :phone AND opted_in_at IS NULL",
                new MapSqlParameterSource("phone", phone), Integer.class);
    }

    private static String phone() {
        return "+49151" + ThreadLocalRandom.current().nextInt(10_000_000, 99_999_999);
    }

    private static String customerWithOrder(BothDatabases.Database db, String phone) {
        String customerId = "C-" + UUID.randomUUID();
        String orderId = "SO-" + UUID.randomUUID();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        db.jdbc().update("INSERT INTO customer (customer_id, phone, updated_at) VALUES (:id, :phone, :now)",
                new MapSqlParameterSource().addValue("id", customerId).addValue("phone", phone).addValue("now", now));
        db.jdbc().update("INSERT INTO customer_order (order_id, customer_id, status, last_event_at, updated_at) "
                + "VALUES (:id, :customerId, 'PLACED', :now, :now)", new MapSqlParameterSource().addValue("id", orderId)
                .addValue("customerId", customerId).addValue("now", now));
        return orderId;
    }

}
