package io.herald.decide;

import static io.herald.decide.NotificationType.DELAYED;
import static io.herald.decide.NotificationType.SHIPPED;
import static org.assertj.core.api.Assertions.assertThat;

import io.herald.canonical.ChannelPreference;
import io.herald.db.BothDatabases;
import io.herald.db.BothDatabases.Database;
import io.herald.support.SqlFiles;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The preference store's SQL on PostgreSQL and H2, migrated as Herald migrates them. */
class PreferenceStoreTest {

    private static final OffsetDateTime T = OffsetDateTime.of(2025, 3, 10, 12, 0, 0, 0, ZoneOffset.UTC);
    private static final String UPGRADED = "C-UPGRADED";

    private static BothDatabases databases;

    @BeforeAll
    static void startDatabases() throws IOException {
        databases = BothDatabases.start();
        for (Database database : databases.all()) {
            // a customer whose consent a source sent before preferences had their own store
            database.migrate("3");
            database.jdbc().getJdbcTemplate().update("INSERT INTO customer (customer_id, phone, channel_preference, "
                    + "updated_at) VALUES (?, ?, 'SMS', ?)", UPGRADED, "+4915100000001", T.minusDays(1));
            database.migrate(null);
        }
    }

    @AfterAll
    static void stopDatabases() throws IOException {
        databases.close();
    }

    static Stream<Database> databases() {
        return databases.all().stream();
    }

    private static PreferenceStore store(Database database) {
        return new PreferenceStore(database.jdbc(), new SqlFiles(),
                new PreferenceProperties(new PreferenceProperties.Defaults(null, null)));
    }

    private static String id(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    private static void insertCustomer(Database database, String customerId, String phone) {
        database.jdbc().getJdbcTemplate().update(
                "INSERT INTO customer (customer_id, phone, updated_at) VALUES (?, ?, ?)", customerId, phone, T);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void consentSentBeforeTheUpgradeStillHolds(Database database) {
        EffectivePreferences preferences = store(database).load(UPGRADED, null);

        assertThat(preferences.channels()).containsEntry("email", false).containsEntry("sms", true);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void customersOwnChoiceWinsOverALaterSourceConsent(Database database) {
        PreferenceStore store = store(database);
        String customer = id("C");
        store.recordSourceConsent(customer, ChannelPreference.BOTH, T, "crm");
        store.recordCustomerChange(customer, new PreferenceChange(List.of(PreferenceChoice.channel("sms", false)),
                null), T.plusMinutes(1), "api");

        store.recordSourceConsent(customer, ChannelPreference.BOTH, T.plusDays(1), "oms");

        EffectivePreferences preferences = store.load(customer, null);
        assertThat(preferences.channels()).containsEntry("sms", false).containsEntry("email", true);
        store.recordSourceConsent(customer, ChannelPreference.SMS, T.plusDays(2), "oms");
        assertThat(store.load(customer, null).channels()).as("email was the source's to change")
                .containsEntry("email", false).containsEntry("sms", false);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aSourceConsentReplacesAnOlderOneButNotANewerOne(Database database) {
        PreferenceStore store = store(database);
        String customer = id("C");
        store.recordSourceConsent(customer, ChannelPreference.EMAIL, T, "crm");
        assertThat(store.load(customer, null).channels()).containsEntry("email", true).containsEntry("sms", false);

        store.recordSourceConsent(customer, ChannelPreference.SMS, T.minusHours(1), "oms");
        assertThat(store.load(customer, null).channels()).as("older consent arriving late")
                .containsEntry("email", true).containsEntry("sms", false);

        store.recordSourceConsent(customer, ChannelPreference.BOTH, T.plusHours(1), "oms");
        assertThat(store.load(customer, null).channels()).containsEntry("email", true).containsEntry("sms", true);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void smsStopHoldsForItsNumberUntilALaterStartFromIt(Database database) {
        PreferenceStore store = store(database);
        String customer = id("C");
        String phone = "+1415555" + (1000 + (int) (Math.random() * 8999));
        insertCustomer(database, customer, phone);
        store.recordSourceConsent(customer, ChannelPreference.BOTH, T, "crm");

        store.optOutSms(phone, T, "twilio-inbound");
        store.optOutSms(phone, T.plusMinutes(1), "twilio-inbound");

        assertThat(store.load(customer, null).smsStopped()).as("the customer's stored phone").isTrue();
        assertThat(store.load(null, phone).allows(DELAYED, "sms")).as("any customer with that number").isFalse();
        assertThat(store.load(customer, "+14155550000").smsStopped()).as("another number").isFalse();
        store.recordSourceConsent(customer, ChannelPreference.BOTH, T.plusDays(1), "oms");
        assertThat(store.load(customer, null).allows(DELAYED, "sms")).as("a source cannot undo STOP").isFalse();

        store.optInSms(phone, T.minusMinutes(5));
        assertThat(store.load(customer, phone).smsStopped()).as("a START older than the STOP").isTrue();

        store.optInSms(phone, T.plusMinutes(2));
        assertThat(store.load(customer, phone).smsStopped()).isFalse();
        assertThat(database.jdbc().getJdbcTemplate().queryForObject(
                "SELECT COUNT(*) FROM sms_opt_out WHERE phone = ?", Integer.class, phone))
                .as("a STOP while stopped is not a second opt-out").isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void emailUnsubscribeSilencesOptionalTypesByEmailUntilTheCustomerSubscribesAgain(Database database) {
        PreferenceStore store = store(database);
        String customer = id("C");

        store.unsubscribeEmail(customer, T, "one-click");
        EffectivePreferences unsubscribed = store.load(customer, null);
        assertThat(unsubscribed.emailUnsubscribed()).isTrue();
        assertThat(unsubscribed.allows(SHIPPED, "email")).isFalse();
        assertThat(unsubscribed.allows(DELAYED, "email")).isTrue();

        store.recordCustomerChange(customer, new PreferenceChange(List.of(), false), T.plusHours(1), "api");
        assertThat(store.load(customer, null).allows(SHIPPED, "email")).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aCustomerIsKnownByTheirRecordOrTheirStoredChoices(Database database) {
        PreferenceStore store = store(database);
        String withRecord = id("C");
        insertCustomer(database, withRecord, null);
        String withChoices = id("C");
        store.recordCustomerChange(withChoices, new PreferenceChange(List.of(
                new PreferenceChoice("shipped", "sms", false)), null), T, "api");
        store.recordCustomerChange(withChoices, new PreferenceChange(List.of(
                new PreferenceChoice("shipped", "sms", true), new PreferenceChoice("delivered", "email", false)),
                null), T.plusMinutes(1), "api");

        assertThat(store.loadWithPresence(withRecord, null).known()).isTrue();
        assertThat(store.loadWithPresence(withChoices, null).known()).isTrue();
        assertThat(store.loadWithPresence(id("C"), null).known()).isFalse();
        assertThat(store.load(null, null).allows(SHIPPED, "email")).as("no customer: defaults").isTrue();
        EffectivePreferences changed = store.load(withChoices, null);
        assertThat(changed.allows(SHIPPED, "sms")).isTrue();
        assertThat(changed.allows(NotificationType.DELIVERED, "email")).isFalse();
    }
}
