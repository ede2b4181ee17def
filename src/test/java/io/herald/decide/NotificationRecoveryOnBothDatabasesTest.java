package io.herald.decide;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.herald.MovableClock;
import io.herald.canonical.CanonicalEvent;
import io.herald.canonical.ChannelPreference;
import io.herald.canonical.Customer;
import io.herald.canonical.EventType;
import io.herald.canonical.Order;
import io.herald.canonical.OrderStatus;
import io.herald.canonical.Shipment;
import io.herald.canonical.ShipmentStatus;
import io.herald.db.BothDatabases;
import io.herald.db.BothDatabases.Database;
import io.herald.decide.NotificationRecovery.GroupOutcome;
import io.herald.decide.NotificationRecovery.Outcome;
import io.herald.decide.NotificationRecovery.Refusal;
import io.herald.notify.NotificationLog;
import io.herald.notify.OutboundMessage;
import io.herald.notify.OutboundPublisher;
import io.herald.ops.HeraldMetrics;
import io.herald.support.SqlFiles;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * An operator's retry of failed notifications on PostgreSQL and H2, with the decide stage's own objects on one
 * database: a failed attempt goes again once, on two instances at once too; what was handed over, what is out of date
 * or too old, what the other channel told, and what may not reach its address any more are refused; a group is taken
 * by its failure reason, a call at a time.
 */
class NotificationRecoveryOnBothDatabasesTest {

    private static final Instant START = Instant.parse("2026-05-05T10:00:00Z");
    private static final DefaultCamelContext CAMEL = new DefaultCamelContext();
    private static final List<OutboundMessage> PUBLISHED = new CopyOnWriteArrayList<>();
    private static BothDatabases databases;

    private MovableClock clock;

    @BeforeAll
    static void start() throws Exception {
        databases = BothDatabases.start();
        databases.all().forEach(d -> d.migrate(null));
        CAMEL.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:notifications-publish").process(e -> PUBLISHED.addAll(e.getMessage().getBody(List.class)));
            }
        });
        CAMEL.start();
    }

    @AfterAll
    static void stop() throws IOException {
        CAMEL.stop();
        databases.close();
    }

    static Stream<Database> databases() {
        return databases.all().stream();
    }

    /** The decisions the recoveries of the running test count. */
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @BeforeEach
    void clock() {
        clock = new MovableClock(START);
        PUBLISHED.clear();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aFailedSmsGoesAgainOnceAndAHandedOverOneNever(Database db) throws Exception {
        Customer ada = customer();
        Map<String, String> sent = decide(db, order(ada), NotificationType.ORDER_CONFIRMED);
        NotificationLog log = log(db);
        log.markFailed(sent.get("sms"), "sms", "Twilio answered 400 with error 21212");
        log.markSent(sent.get("email"), "email", "<id@herald.local>", clock.millis());
        clock.advance(Duration.ofHours(2));

        Outcome outcome = retries(db).retry(sent.get("sms"));

        assertThat(outcome.done()).isTrue();
        assertThat(state(db, sent.get("sms"))).containsEntry("state", "DECIDED")
                .containsEntry("failure_reason", "sent again by an operator; it had failed: Twilio answered 400 with "
                        + "error 21212");
        assertThat(PUBLISHED).singleElement().satisfies(m -> {
            assertThat(m.notificationId()).isEqualTo(sent.get("sms"));
            assertThat(m.recipient()).isEqualTo(ada.phone());
        });
        assertThat(notes(db, sent.get("sms"))).contains("sms sent again by an operator");

        assertThat(retries(db).retry(sent.get("sms")).refusal()).as("DECIDED now, not failed")
                .isEqualTo(Refusal.NOT_FAILED);
        assertThat(retries(db).retry(sent.get("email"))).satisfies(refused -> {
            assertThat(refused.refusal()).isEqualTo(Refusal.NOT_FAILED);
            assertThat(refused.detail()).contains("it is SENT; a message handed over is never sent again");
        });
        assertThat(retries(db).retry("no-such-attempt").refusal()).isEqualTo(Refusal.UNKNOWN);
        assertThat(PUBLISHED).hasSize(1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aHandOffWithoutAnAnswerIsReconciledOnceAndOneTheProviderNeverHadMayGoAgain(Database db) throws Exception {
        Map<String, String> sent = decide(db, order(customer()), NotificationType.ORDER_CONFIRMED);
        NotificationLog log = log(db);
        for (String channel : List.of("sms", "email")) {
            assertThat(log.claim(sent.get(channel))).isTrue();
            log.markUnknown(sent.get(channel), channel, "No answer after the hand-off: read timed out");
        }
        assertThat(retries(db).retry(sent.get("sms")).refusal()).as("reconciled first").isEqualTo(Refusal.NOT_FAILED);

        OffsetDateTime handedOver = clock.instant().atOffset(ZoneOffset.UTC);
        clock.advance(Duration.ofHours(3)); // the operator reads the provider's log later
        assertThat(retries(db).reconcile(sent.get("sms"), false, null).done()).isTrue();
        assertThat(retries(db).reconcile(sent.get("email"), true, "<" + sent.get("email") + "@herald.local>")
                .done()).isTrue();

        assertThat(state(db, sent.get("sms"))).containsEntry("state", "FAILED").hasEntrySatisfying("failure_reason",
                reason -> assertThat((String) reason).startsWith("not handed over: the provider has no such message")
                        .endsWith("read timed out"));
        assertThat(db.jdbc().queryForMap("SELECT state, provider_id FROM notification WHERE id = :id",
                new MapSqlParameterSource("id", sent.get("email")))).satisfies(row -> {
                    assertThat(row.get("state")).isEqualTo("SENT");
                    assertThat(row.get("provider_id")).isEqualTo("<" + sent.get("email") + "@herald.local>");
                });
        assertThat(db.jdbc().queryForObject("SELECT sent_at FROM notification WHERE id = :id",
                new MapSqlParameterSource("id", sent.get("email")), OffsetDateTime.class).toInstant())
                .as("when it was handed over, not when it was reconciled").isEqualTo(handedOver.toInstant());
        assertThat(retries(db).reconcile(sent.get("sms"), true, null).refusal()).as("once")
                .isEqualTo(Refusal.NOT_UNKNOWN);
        assertThat(retries(db).reconcile("no-such-attempt", true, null).refusal()).isEqualTo(Refusal.UNKNOWN);
        assertThat(notes(db, sent.get("sms"))).contains("sms not sent (reconciled by an operator)",
                "email sent (reconciled by an operator)");
        assertThat(retries(db).retry(sent.get("email")).refusal()).isEqualTo(Refusal.NOT_FAILED);
        assertThat(retries(db).retry(sent.get("sms")).done()).isTrue();
        assertThat(PUBLISHED).extracting(OutboundMessage::notificationId).containsExactly(sent.get("sms"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void twoInstancesRetryingAtOnceSendItOnce(Database db) throws Exception {
        Map<String, String> sent = decide(db, order(customer()), NotificationType.ORDER_CONFIRMED);
        log(db).markFailed(sent.get("sms"), "sms", "Twilio answered 400 with error 21212");
        NotificationRecovery a = retries(db);
        NotificationRecovery b = retries(db);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch go = new CountDownLatch(1);
            Future<Outcome> first = pool.submit(() -> {
                go.await();
                return a.retry(sent.get("sms"));
            });
            Future<Outcome> second = pool.submit(() -> {
                go.await();
                return b.retry(sent.get("sms"));
            });
            go.countDown();
            assertThat(List.of(first.get().done(), second.get().done())).containsExactlyInAnyOrder(true, false);
        } finally {
            pool.shutdownNow();
        }
        assertThat(PUBLISHED).as("published once").hasSize(1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void newsThatMovedOnOrGrewOldIsNotSentAgain(Database db) throws Exception {
        Customer ada = customer();
        String orderId = decideOrder(db, ada);
        String tracking = id("1Z");
        String shipped = decide(db, shipment(tracking, orderId, ShipmentStatus.IN_TRANSIT), NotificationType.SHIPPED)
                .get("sms");
        log(db).markFailed(shipped, "sms", "Twilio answered 400 with error 21212");
        clock.advance(Duration.ofMinutes(30));
        decide(db, shipment(tracking, orderId, ShipmentStatus.OUT_FOR_DELIVERY), NotificationType.OUT_FOR_DELIVERY);

        Outcome outOfDate = retries(db).retry(shipped);

        assertThat(outOfDate.refusal()).isEqualTo(Refusal.OUT_OF_DATE);
        assertThat(outOfDate.detail()).contains("the shipment is now OUT_FOR_DELIVERY");
        assertThat(state(db, shipped)).containsEntry("state", "FAILED");

        String confirmed = decide(db, order(customer()), NotificationType.ORDER_CONFIRMED).get("email");
        log(db).markFailed(confirmed, "email", "550 5.7.1 Relaying denied");
        clock.advance(Duration.ofHours(25));
        assertThat(retries(db).retry(confirmed).refusal()).as("current, but a day old").isEqualTo(Refusal.TOO_OLD);
        assertThat(PUBLISHED).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void anAlertTheOtherChannelToldIsNotSentAgainUnlessThatFailedToo(Database db) throws Exception {
        Customer ada = customer(ChannelPreference.SMS);
        String orderId = decideOrder(db, ada);
        Map<String, String> alert = decide(db, shipment(id("1Z"), orderId, ShipmentStatus.EXCEPTION),
                NotificationType.DELAYED);
        assertThat(alert).as("the customer's choice: SMS").containsOnlyKeys("sms");
        NotificationLog log = log(db);
        log.markFailed(alert.get("sms"), "sms", "Twilio answered 400 with error 21212");
        clock.advance(Duration.ofSeconds(5));
        List<OutboundMessage> fallback = instance(db).decisions().fallBackIfCurrent(alert.get("sms"), "21212");
        assertThat(fallback).singleElement().extracting(OutboundMessage::channel).isEqualTo("email");
        PUBLISHED.clear();

        Outcome told = retries(db).retry(alert.get("sms"));

        assertThat(told.refusal()).isEqualTo(Refusal.FELL_BACK);
        assertThat(told.detail()).contains("fell back to email");

        log.markFailed(fallback.get(0).notificationId(), "email", "550 5.7.1 Relaying denied");
        assertThat(retries(db).retry(alert.get("sms")).done()).as("nobody told the customer").isTrue();
        assertThat(PUBLISHED).extracting(OutboundMessage::notificationId).containsExactly(alert.get("sms"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void anAddressSuppressedChangedOrRefusedIsNotWrittenTo(Database db) throws Exception {
        Customer ada = customer();
        Map<String, String> sent = decide(db, order(ada), NotificationType.ORDER_CONFIRMED);
        log(db).markFailed(sent.get("sms"), "sms", "Twilio undelivered 30005");
        log(db).markFailed(sent.get("email"), "email", "550 5.1.1 No such user");
        db.jdbc().update(new SqlFiles().get("feedback/insert-sms-suppression"), new MapSqlParameterSource()
                .addValue("phone", ada.phone()).addValue("errorCode", 30005)
                .addValue("notificationId", sent.get("sms")).addValue("now", clock.instant().atOffset(ZoneOffset.UTC)));

        Outcome suppressed = retries(db).retry(sent.get("sms"));

        assertThat(suppressed.refusal()).isEqualTo(Refusal.RECIPIENT_UNAVAILABLE);
        assertThat(suppressed.detail()).contains("phone number is suppressed");

        db.jdbc().update("UPDATE customer SET email = :email WHERE customer_id = :id", new MapSqlParameterSource()
                .addValue("email", "new." + ada.email()).addValue("id", ada.customerId()));
        assertThat(retries(db).retry(sent.get("email")).detail()).contains("no longer the one it was sent to");

        db.jdbc().update("UPDATE customer SET email = :email WHERE customer_id = :id", new MapSqlParameterSource()
                .addValue("email", ada.email().toUpperCase()).addValue("id", ada.customerId()));
        preferences(db).unsubscribeEmail(ada.customerId(), clock.instant().atOffset(ZoneOffset.UTC),
                "list-unsubscribe");
        assertThat(retries(db).retry(sent.get("email")).detail())
                .contains("no longer takes order_confirmed by email");
        assertThat(PUBLISHED).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void liftingASuppressionSendsTheNewestNewsItKeptOfEachOrderWhileItIsStillTrue(Database db) throws Exception {
        Customer ada = customer(ChannelPreference.EMAIL);
        db.jdbc().update(new SqlFiles().get("feedback/insert-email-suppression"), new MapSqlParameterSource()
                .addValue("address", ada.email()).addValue("kind", "BOUNCE").addValue("source", "dsn")
                .addValue("notificationId", UUID.randomUUID().toString()).addValue("detail", null)
                .addValue("now", clock.instant().atOffset(ZoneOffset.UTC)));
        String yesterdays = decideOrder(db, ada);
        clock.advance(Duration.ofHours(25));
        String shipped = decideOrder(db, ada);
        clock.advance(Duration.ofMinutes(1));
        String tracking = id("1Z");
        Map<String, String> none = decide(db, shipment(tracking, shipped, ShipmentStatus.IN_TRANSIT),
                NotificationType.SHIPPED);
        assertThat(none).as("the address is suppressed").isEmpty();
        clock.advance(Duration.ofMinutes(1));
        String cancelled = decideOrder(db, ada);
        clock.advance(Duration.ofMinutes(1));
        decide(db, new CanonicalEvent(EventType.ORDER, "oms", clock.instant().atOffset(ZoneOffset.UTC),
                UUID.randomUUID().toString(), null, new Order(cancelled, OrderStatus.CANCELLED, ada.customerId(), null,
                null, null), ada), NotificationType.ORDER_CANCELLED);
        clock.advance(Duration.ofMinutes(1));
        String delivered = decideOrder(db, ada);
        clock.advance(Duration.ofMinutes(1));
        String parcel = id("1Z");
        decide(db, shipment(parcel, delivered, ShipmentStatus.OUT_FOR_DELIVERY), NotificationType.OUT_FOR_DELIVERY);
        db.jdbc().update("UPDATE shipment SET status = 'DELIVERED' WHERE tracking_number = :t",
                new MapSqlParameterSource("t", parcel)); // moved on without a message of its own
        assertThat(decisionStates(db, yesterdays, shipped, cancelled, delivered)).containsOnly("SUPPRESSED");
        db.jdbc().update("DELETE FROM email_suppression WHERE address = :a", new MapSqlParameterSource("a",
                ada.email()));
        clock.advance(Duration.ofMinutes(1));

        List<Outcome> outcomes = retries(db).sendWhatTheSuppressionKept(ada.customerId(), "email");

        assertThat(outcomes).extracting(o -> orderOf(db, o.id()) + " " + typeOf(db, o.id()) + " "
                + (o.done() ? "sent" : o.refusal().type())).containsExactly(
                        delivered + " out_for_delivery out-of-date",
                        cancelled + " order_cancelled sent",
                        shipped + " shipped sent");
        assertThat(PUBLISHED).extracting(OutboundMessage::channel, OutboundMessage::recipient)
                .containsOnly(org.assertj.core.groups.Tuple.tuple("email", ada.email())).hasSize(2);
        assertThat(decisionStates(db, shipped, cancelled)).containsOnly("SUPPRESSED", "DECIDED");
        assertThat(notes(db, PUBLISHED.get(0).notificationId()))
                .endsWith("email sent after its suppression was lifted");
        for (String type : List.of("order_cancelled", "shipped")) {
            assertThat(meters.find("herald.decisions").tags("type", type, "state", "DECIDED").counter()).as(type)
                    .isNotNull().extracting(io.micrometer.core.instrument.Counter::count).isEqualTo(1.0);
        }

        assertThat(retries(db).sendWhatTheSuppressionKept(ada.customerId(), "email"))
                .as("each order's news once; the older news of an order not at all").extracting(Outcome::done)
                .containsExactly(false);
        assertThat(PUBLISHED).hasSize(2);
    }

    private static List<String> decisionStates(Database db, String... orderIds) {
        return db.jdbc().queryForList("SELECT state FROM decision WHERE order_id IN (:ids)",
                new MapSqlParameterSource("ids", List.of(orderIds)), String.class);
    }

    private static String orderOf(Database db, String decisionId) {
        return db.jdbc().queryForObject("SELECT order_id FROM decision WHERE id = :id",
                new MapSqlParameterSource("id", decisionId), String.class);
    }

    private static String typeOf(Database db, String decisionId) {
        return db.jdbc().queryForObject("SELECT type FROM decision WHERE id = :id",
                new MapSqlParameterSource("id", decisionId), String.class);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aGroupGoesByItsReasonACallAtATime(Database db) throws Exception {
        clock.advance(Duration.ofDays(3)); // the other tests' attempts are older than the group
        OffsetDateTime since = clock.instant().atOffset(ZoneOffset.UTC);
        NotificationLog log = log(db);
        List<String> refused = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            clock.advance(Duration.ofSeconds(1));
            Map<String, String> sent = decide(db, order(customer()), NotificationType.ORDER_CONFIRMED);
            log.markFailed(sent.get("sms"), "sms", "Twilio answered 400 with error 21212 (50%_off)");
            refused.add(sent.get("sms"));
        }
        clock.advance(Duration.ofSeconds(1));
        String other = decide(db, order(customer()), NotificationType.ORDER_CONFIRMED).get("sms");
        log.markFailed(other, "sms", "Twilio answered 400 with error 21211");

        GroupOutcome dry = retries(db).retryAll("sms", since, "21212 (50%_", 10, true);
        assertThat(dry.outcomes()).extracting(Outcome::id).containsExactlyElementsOf(refused);
        assertThat(dry.outcomes()).allMatch(Outcome::done);
        assertThat(PUBLISHED).as("a dry run sends nothing").isEmpty();
        assertThat(state(db, refused.get(0))).containsEntry("state", "FAILED");

        GroupOutcome first = retries(db).retryAll("sms", since, "21212 (50%_", 2, false);

        assertThat(first.outcomes()).extracting(Outcome::id).containsExactlyElementsOf(refused.subList(0, 2));
        assertThat(first.outcomes()).allMatch(Outcome::done);
        assertThat(first.more()).isTrue();
        GroupOutcome second = retries(db).retryAll("sms", first.next(), "21212 (50%_", 2, false);
        assertThat(second.outcomes()).extracting(Outcome::id).containsExactly(refused.get(2));
        assertThat(second.more()).isFalse();
        assertThat(retries(db).retryAll("sms", since, "50\\%", 10, false).outcomes()).as("% and _ are letters here")
                .isEmpty();
        assertThat(retries(db).retryAll("email", since, null, 10, false).outcomes()).isEmpty();
        assertThat(state(db, other)).containsEntry("state", "FAILED");
        assertThat(PUBLISHED).extracting(OutboundMessage::notificationId).containsExactlyElementsOf(refused);
    }

    /** The decide stage's objects of one instance on this database (DecisionsOnBothDatabasesTest's). */
    private DecisionsOnBothDatabasesTest.Instance instance(Database db) {
        return DecisionsOnBothDatabasesTest.Instance.on(db, clock, Duration.ZERO);
    }

    private NotificationRecovery retries(Database db) {
        var sql = new SqlFiles();
        DecisionStore store = new DecisionStore(db.jdbc(), sql, new QuietHours(LocalTime.of(21, 0),
                LocalTime.of(8, 0), Set.of(), QuietHours.Critical.DEFER, ZoneId.of("Europe/Berlin")),
                preferences(db));
        ProducerTemplate producer = CAMEL.createProducerTemplate();
        return new NotificationRecovery(log(db), store,
                new TransactionTemplate(new DataSourceTransactionManager(db.dataSource())),
                new OutboundPublisher(producer),
                instance(db).attempts(), new HeraldMetrics(meters), new ObjectMapper().findAndRegisterModules(),
                clock, "24h");
    }

    private static PreferenceStore preferences(Database db) {
        return new PreferenceStore(db.jdbc(), new SqlFiles(),
                new PreferenceProperties(new PreferenceProperties.Defaults(null, null)));
    }

    private NotificationLog log(Database db) {
        return new NotificationLog(db.jdbc(), new SqlFiles(), new HeraldMetrics(new SimpleMeterRegistry()), clock);
    }

    /** Decides the event as the decide stage does; the attempts made, by channel. */
    private Map<String, String> decide(Database db, CanonicalEvent event, NotificationType type) throws Exception {
        return instance(db).decide(event, type).stream()
                .collect(Collectors.toMap(OutboundMessage::channel, OutboundMessage::notificationId));
    }

    private String decideOrder(Database db, Customer customer) throws Exception {
        CanonicalEvent order = order(customer);
        decide(db, order, NotificationType.ORDER_CONFIRMED);
        return order.order().orderId();
    }

    private static Map<String, Object> state(Database db, String id) {
        return db.jdbc().queryForMap("SELECT state, failure_reason FROM notification WHERE id = :id",
                new MapSqlParameterSource("id", id)).entrySet().stream()
                .collect(Collectors.toMap(e -> e.getKey().toLowerCase(), e -> String.valueOf(e.getValue())));
    }

    private static String notes(Database db, String attemptId) {
        return db.jdbc().queryForObject("SELECT d.reason FROM decision d JOIN notification n ON n.decision_id = d.id "
                + "WHERE n.id = :id", new MapSqlParameterSource("id", attemptId), String.class);
    }

    /** A customer of their own, with a number no other test uses, who takes both channels. */
    private static Customer customer() {
        return customer(ChannelPreference.BOTH);
    }

    private static Customer customer(ChannelPreference preference) {
        String id = id("C");
        return new Customer(id, "Ada Lovelace", id.toLowerCase() + "@example.com",
                "+49151" + (10_000_000 + Math.floorMod(id.hashCode(), 89_999_999)), "en", "Europe/Berlin",
                preference);
    }

    private CanonicalEvent order(Customer customer) {
        Order order = new Order(id("SO"), OrderStatus.PAID, customer.customerId(), null, null, null);
        return new CanonicalEvent(EventType.ORDER, "oms", clock.instant().atOffset(ZoneOffset.UTC),
                UUID.randomUUID().toString(), null, order, customer);
    }

    private CanonicalEvent shipment(String tracking, String orderId, ShipmentStatus status) {
        Shipment shipment = new Shipment(tracking, "ups", status, null, null, "Leipzig, DE", "Scan", orderId, null);
        return new CanonicalEvent(EventType.SHIPMENT, "wms", clock.instant().atOffset(ZoneOffset.UTC),
                UUID.randomUUID().toString(), shipment, null, null);
    }

    private static String id(String prefix) {
        return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toUpperCase();
    }
}
