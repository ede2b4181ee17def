package io.herald.decide;

import java.time.Clock;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.herald.MovableClock;
import io.herald.canonical.CanonicalEvent;
import io.herald.canonical.ChannelPreference;
import io.herald.canonical.Customer;
import io.herald.canonical.Destination;
import io.herald.canonical.EventType;
import io.herald.canonical.ExceptionReason;
import io.herald.canonical.Order;
import io.herald.canonical.OrderStatus;
import io.herald.canonical.Shipment;
import io.herald.canonical.ShipmentStatus;
import io.herald.config.HeraldProperties;
import io.herald.db.BothDatabases;
import io.herald.db.BothDatabases.Database;
import io.herald.decide.Decisions.Candidate;
import io.herald.notify.Attempts;
import io.herald.notify.NotificationLog;
import io.herald.notify.OutboundMessage;
import io.herald.ops.HeraldMetrics;
import io.herald.render.MessageRenderer;
import io.herald.render.RenderFixtures;
import io.herald.state.StateStore;
import io.herald.support.SqlFiles;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The decide stage's loading and writing, on PostgreSQL and H2, with instances built by hand on one database: held
 * decisions survive a restart, two instances release each due row once, and a waiting notification goes out once
 * its customer is known.
 */
class DecisionsOnBothDatabasesTest {

    private static final Instant START = Instant.parse("2026-05-05T12:00:00Z");
    private static BothDatabases databases;
    private static final DefaultCamelContext CAMEL = new DefaultCamelContext();

    @BeforeAll
    static void startDatabases() throws IOException {
        databases = BothDatabases.start();
        databases.all().forEach(d -> d.migrate(null));
        CAMEL.start();
    }

    @AfterAll
    static void stopDatabases() throws IOException {
        CAMEL.stop();
        databases.close();
    }

    /** The database of the running test, for {@link #ofSubject}. */
    private Database database;

    static Stream<Database> databases() {
        return databases.all().stream();
    }

    /** One Herald instance: its own objects, sharing nothing with another but the database. */
    record Instance(StateStore state, NotificationDecisions decisions, StalledShipments stalled,
                    SimpleMeterRegistry meters, Attempts attempts) {

        static Instance on(Database database, MovableClock clock, Duration hold) {
            return on(database, clock, hold, new QuietHours(LocalTime.of(21, 0), LocalTime.of(8, 0), Set.of(),
                    QuietHours.Critical.DEFER, ZoneId.of("Europe/Berlin")));
        }

        static Instance on(Database database, MovableClock clock, Duration hold, QuietHours quiet) {
            return on(database, clock, hold, quiet, new RuleSettings(new MockEnvironment()));
        }

        static Instance on(Database database, MovableClock clock, Duration hold, QuietHours quiet,
                           RuleSettings rules) {
            var jdbc = database.jdbc();
            SqlFiles sql = new SqlFiles();
            ObjectMapper json = new ObjectMapper().findAndRegisterModules();
            SimpleMeterRegistry meters = new SimpleMeterRegistry();
            HeraldMetrics metrics = new HeraldMetrics(meters);
            HeraldProperties properties = new HeraldProperties("./data", "classpath:mappings/",
                    "classpath:templates/", new HeraldProperties.Intake(1_048_576, 64, null, false, null, null),
                    Map.of(), new HeraldProperties.Notifications("en", "Herald <n@herald.local>", "+15005550006", "",
                    Duration.ofDays(30), hold, Duration.ofHours(24), new HeraldProperties.Cap(3, 6),
                    new HeraldProperties.Fallback(true, false)));
            PreferenceStore preferences = new PreferenceStore(jdbc, sql,
                    new PreferenceProperties(new PreferenceProperties.Defaults(null, null)));
            Decider decider = new Decider(hold, Duration.ofHours(24), properties.notifications().cap(),
                    properties.notifications().fallback(), quiet, rules);
            MessageRenderer renderer = RenderFixtures.renderer();
            NotificationLog log = new NotificationLog(jdbc, sql, metrics, Clock.systemUTC());
            var links = new io.herald.customer.PageLinks(new io.herald.links.LinkTokens(
                    "decisions-test-secret".getBytes(java.nio.charset.StandardCharsets.UTF_8), Duration.ofDays(120),
                    Clock.systemUTC()), "https://herald.example.com", new MockEnvironment());
            var ids = new io.herald.support.TimeOrderedIds(clock);
            Attempts attempts = new Attempts(jdbc, sql, log, renderer, json, links,
                    new io.herald.sms.SmsConversations(jdbc, sql), ids);
            var transactions = new TransactionTemplate(new DataSourceTransactionManager(database.dataSource()));
            NotificationDecisions decisions = new NotificationDecisions(new DecisionStore(jdbc, sql, quiet,
                    preferences), decider, attempts, transactions, json, metrics, clock, log, properties, ids, 200);
            return new Instance(new StateStore(jdbc, sql, json, properties, rules, quiet, clock, preferences,
                    new io.herald.customer.CustomerErasure(jdbc, sql, json)),
                    decisions, new StalledShipments(jdbc, sql, rules, decisions, clock), meters, attempts);
        }

        /** Applies the event and decides the type, as events-decide and the rules do. */
        List<OutboundMessage> decide(CanonicalEvent event, NotificationType type) throws Exception {
            Exchange exchange = new DefaultExchange(CAMEL);
            exchange.getMessage().setBody(event);
            state.apply(exchange);
            exchange.getMessage().setHeader("heraldNotificationType", type.wire());
            return decisions.decide(exchange);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void heldNotificationSurvivesRestart(Database database) throws Exception {
        this.database = database;
        MovableClock clock = new MovableClock(START);
        String orderId = id("SO");
        String tracking = id("1Z");
        Instance first = Instance.on(database, clock, Duration.ofMinutes(2));
        first.decide(order(orderId, OrderStatus.PAID, clock.instant()), NotificationType.ORDER_CONFIRMED);
        assertThat(first.decide(shipment(tracking, orderId, ShipmentStatus.OUT_FOR_DELIVERY, clock.instant()),
                NotificationType.OUT_FOR_DELIVERY)).as("held, not sent").isEmpty();

        Instance restarted = Instance.on(database, clock, Duration.ofMinutes(2));
        clock.advance(Duration.ofMinutes(1));
        assertThat(ofSubject(restarted.decisions().releaseDue(), tracking)).as("not due yet").isEmpty();
        clock.advance(Duration.ofMinutes(1));
        List<OutboundMessage> released = ofSubject(restarted.decisions().releaseDue(), tracking);

        assertThat(released).extracting(OutboundMessage::type, OutboundMessage::channel).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("out_for_delivery", "email"),
                org.assertj.core.groups.Tuple.tuple("out_for_delivery", "sms"));
        assertThat(ofSubject(restarted.decisions().releaseDue(), tracking)).as("released once").isEmpty();
        // decisions and attempts have time-ordered ids (TimeOrderedIds), stamped when they were made
        String decisionId = database.jdbc().getJdbcTemplate().queryForObject(
                "SELECT id FROM decision WHERE tracking_number = ?", String.class, tracking);
        assertThat(java.util.UUID.fromString(decisionId).getMostSignificantBits() >>> 16)
                .isEqualTo(START.toEpochMilli());
        assertThat(released).allSatisfy(m -> {
            assertThat(java.util.UUID.fromString(m.notificationId()).version()).isEqualTo(7);
            assertThat(java.util.UUID.fromString(m.notificationId()).getMostSignificantBits() >>> 16)
                    .isEqualTo(clock.millis());
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void heldAndDeferredReleasedOnceAcrossInstances(Database database) throws Exception {
        this.database = database;
        // 14:00 in Berlin; SMS are quiet from 13:00 to 14:05 there
        MovableClock clock = new MovableClock(START.plus(Duration.ofDays(1)));
        QuietHours quiet = new QuietHours(LocalTime.of(13, 0), LocalTime.of(14, 5), Set.of("sms"),
                QuietHours.Critical.DEFER, ZoneId.of("Europe/Berlin"));
        Instance a = Instance.on(database, clock, Duration.ofMinutes(2), quiet);
        Instance b = Instance.on(database, clock, Duration.ofMinutes(2), quiet);
        List<String> trackings = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String orderId = id("SO");
            a.decide(order(orderId, OrderStatus.PAID, clock.instant()), NotificationType.ORDER_CONFIRMED);
            String tracking = id("1Z");
            trackings.add(tracking);
            a.decide(shipment(tracking, orderId, ShipmentStatus.IN_TRANSIT, clock.instant()), NotificationType.SHIPPED);
        }

        clock.advance(Duration.ofMinutes(3));
        List<OutboundMessage> held = shipped(releaseOnBoth(a, b), trackings);
        assertThat(held).as("the held emails, once each; the SMS are deferred to the end of the quiet hours")
                .extracting(OutboundMessage::channel).hasSize(trackings.size()).containsOnly("email");
        assertThat(held).extracting(OutboundMessage::notificationId).doesNotHaveDuplicates();

        clock.advance(Duration.ofMinutes(3));
        List<OutboundMessage> deferred = shipped(releaseOnBoth(a, b), trackings);
        assertThat(deferred).as("the deferred SMS, once each").extracting(OutboundMessage::channel)
                .hasSize(trackings.size()).containsOnly("sms");
        assertThat(deferred).extracting(OutboundMessage::notificationId).doesNotHaveDuplicates();
        assertThat(shipped(releaseOnBoth(a, b), trackings)).as("nothing is released twice").isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void anEventDeliveredAgainPublishesItsDecidedAttemptsAgainButNotOneItsChannelSetAside(Database database)
            throws Exception {
        this.database = database;
        MovableClock clock = new MovableClock(START);
        Instance a = Instance.on(database, clock, Duration.ZERO);
        CanonicalEvent confirmed = order(id("SO"), OrderStatus.PAID, clock.instant());
        List<OutboundMessage> decided = a.decide(confirmed, NotificationType.ORDER_CONFIRMED);
        assertThat(decided).extracting(OutboundMessage::channel).containsExactlyInAnyOrder("email", "sms");
        String sms = decided.stream().filter(m -> m.channel().equals("sms")).findFirst().orElseThrow()
                .notificationId();
        String email = decided.stream().filter(m -> m.channel().equals("email")).findFirst().orElseThrow()
                .notificationId();
        NotificationLog log = new NotificationLog(database.jdbc(), new SqlFiles(),
                new HeraldMetrics(new SimpleMeterRegistry()), clock);
        clock.advance(Duration.ofSeconds(1));
        assertThat(log.claim(sms)).isTrue();
        assertThat(log.claim(email)).isTrue();
        clock.advance(Duration.ofSeconds(1));
        assertThat(log.defer(sms, 5, "Failed alone while its channel delivered other messages")).isTrue();
        log.release(email); // the relay was away: retried in place

        // the decide stage's batch committed, but its offsets did not (the instance stopped): the event comes again
        clock.advance(Duration.ofSeconds(10));
        List<OutboundMessage> again = a.decide(confirmed, NotificationType.ORDER_CONFIRMED);

        assertThat(again).as("the email, whose channel retries it in place and claims it once; not the SMS its "
                + "channel set aside for the republish sweep, which waits herald.notifications.republish-after and "
                + "checks that it is still current").extracting(OutboundMessage::channel).containsExactly("email");
        assertThat(log.stateOf(sms)).contains("DECIDED");
    }

    /**
     * A STOP or an unsubscribe that comes while a decided message waits (for the end of the recipient's quiet hours,
     * for retries, behind a spike) stops it, as it would stop a decision taken now: at the republish sweep, and at a
     * late hand-off. Herald's own stop words (STOPP, ARRET, BAJA) are not Twilio's, which would send the SMS.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aStopOrUnsubscribeWhileADecidedMessageWaitsWithdrawsIt(Database database) throws Exception {
        this.database = database;
        MovableClock clock = new MovableClock(START);
        Instance a = Instance.on(database, clock, Duration.ZERO);
        String stopping = id("SO");
        String other = id("SO");
        // numbers of their own: a STOP is the number's, and the database is shared with the class's other tests
        Map<String, String> attempts = byChannel(a.decide(orderWithNumber(stopping, OrderStatus.PAID,
                clock.instant(), "+4915112349901"), NotificationType.ORDER_CONFIRMED));
        Map<String, String> others = byChannel(a.decide(orderWithNumber(other, OrderStatus.PAID,
                clock.instant(), "+4915112349902"), NotificationType.ORDER_CONFIRMED));
        NotificationLog log = new NotificationLog(database.jdbc(), new SqlFiles(),
                new HeraldMetrics(new SimpleMeterRegistry()), clock);
        PreferenceStore preferences = new PreferenceStore(database.jdbc(), new SqlFiles(),
                new PreferenceProperties(new PreferenceProperties.Defaults(null, null)));
        clock.advance(Duration.ofMinutes(1));
        assertThat(log.claim(attempts.get("email"))).isTrue();
        preferences.unsubscribeEmail("C-" + stopping, clock.instant().atOffset(ZoneOffset.UTC), "one-click");
        clock.advance(Duration.ofMinutes(1));
        assertThat(a.decisions().supersededIfOutOfDate(attempts.get("email"))).as("a late hand-off").isTrue();
        assertThat(log.findById(attempts.get("email")).orElseThrow()).satisfies(email -> {
            assertThat(email.state()).isEqualTo("SUPERSEDED");
            assertThat(email.failureReason()).isEqualTo("withdrawn: the customer unsubscribed from email");
        });
        assertThat(log.claim(others.get("email"))).isTrue();
        assertThat(a.decisions().supersededIfOutOfDate(others.get("email"))).as("another customer's").isFalse();

        // the SMS waited for the sweep (its recipient's quiet hours, say), and the number texted STOPP meanwhile
        preferences.optOutSms("+4915112349901", clock.instant().atOffset(ZoneOffset.UTC), "sms");
        clock.advance(Duration.ofMinutes(3));
        List<OutboundMessage> republished = new ArrayList<>();
        for (List<OutboundMessage> batch = a.decisions().republishStale("2m"); !batch.isEmpty();
                batch = a.decisions().republishStale("2m")) {
            republished.addAll(batch); // the class's other tests leave stale attempts in the shared database too
        }

        assertThat(republished).extracting(OutboundMessage::notificationId).contains(others.get("sms"))
                .doesNotContain(attempts.get("sms"));
        assertThat(log.findById(attempts.get("sms")).orElseThrow()).satisfies(sms -> {
            assertThat(sms.state()).isEqualTo("SUPERSEDED");
            assertThat(sms.failureReason()).isEqualTo("withdrawn: the number sent STOP");
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aDuplicateEventPublishesTheAttemptsItsDecisionsLeftDecidedButNotOneItsChannelSetAside(Database database)
            throws Exception {
        this.database = database;
        MovableClock clock = new MovableClock(START);
        Instance a = Instance.on(database, clock, Duration.ZERO);
        String orderId = id("SO");
        String tracking = id("1Z");
        a.decide(order(orderId, OrderStatus.PAID, clock.instant()), NotificationType.ORDER_CONFIRMED);
        CanonicalEvent shipped = shipment(tracking, orderId, ShipmentStatus.IN_TRANSIT, clock.instant());
        Map<String, String> attempts = byChannel(a.decide(shipped, NotificationType.SHIPPED));
        NotificationLog log = new NotificationLog(database.jdbc(), new SqlFiles(),
                new HeraldMetrics(new SimpleMeterRegistry()), clock);
        clock.advance(Duration.ofSeconds(1));
        assertThat(log.claim(attempts.get("sms"))).isTrue();
        assertThat(log.defer(attempts.get("sms"), 5, "Failed alone while its channel delivered other messages"))
                .isTrue();

        // the decide stage's batch committed, but its instance stopped before it published the email and committed
        // its offsets: the event comes again to the partition's next owner, as a duplicate
        clock.advance(Duration.ofSeconds(10));
        Exchange again = new DefaultExchange(CAMEL);
        again.getMessage().setBody(shipped);
        List<OutboundMessage> unsent = a.decisions().unsentOfDuplicate(again);

        assertThat(unsent).as("the shipment's email, not the order's attempts nor the SMS its channel set aside for "
                + "the republish sweep").extracting(OutboundMessage::notificationId)
                .containsExactly(attempts.get("email"));
        Exchange other = new DefaultExchange(CAMEL);
        other.getMessage().setBody(shipment(tracking, orderId, ShipmentStatus.IN_TRANSIT, clock.instant()));
        assertThat(a.decisions().unsentOfDuplicate(other)).as("another event of the subject decided nothing")
                .isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aDecisionWhoseEveryAttemptWasSupersededBeforeItsHandOffIsSupersededItselfButNotOneThatSentAny(
            Database database) throws Exception {
        this.database = database;
        MovableClock clock = new MovableClock(START);
        Instance a = Instance.on(database, clock, Duration.ZERO);
        String told = id("SO");
        String untold = id("SO");
        Map<String, String> toldAttempts = byChannel(a.decide(order(told, OrderStatus.PAID, clock.instant()),
                NotificationType.ORDER_CONFIRMED));
        Map<String, String> untoldAttempts = byChannel(a.decide(order(untold, OrderStatus.PAID, clock.instant()),
                NotificationType.ORDER_CONFIRMED));
        NotificationLog log = new NotificationLog(database.jdbc(), new SqlFiles(),
                new HeraldMetrics(new SimpleMeterRegistry()), clock);
        // the confirmations' email of the first order goes out; both orders are cancelled while the rest lag
        assertThat(log.claim(toldAttempts.get("email"))).isTrue();
        log.markSent(toldAttempts.get("email"), "email", "<m1@herald>", clock.millis());
        clock.advance(Duration.ofSeconds(5));
        a.decide(order(told, OrderStatus.CANCELLED, clock.instant()), NotificationType.ORDER_CANCELLED);
        a.decide(order(untold, OrderStatus.CANCELLED, clock.instant()), NotificationType.ORDER_CANCELLED);
        clock.advance(Duration.ofMinutes(3));
        for (String sms : List.of(toldAttempts.get("sms"), untoldAttempts.get("sms"))) {
            assertThat(log.claim(sms)).isTrue();
            assertThat(a.decisions().supersededIfOutOfDate(sms)).as("a late hand-off, out of date").isTrue();
        }
        assertThat(decisionOf(untold)).as("its email may still go, for all the SMS knows").containsEntry("STATE",
                "DECIDED");

        a.decisions().republishStale("2m"); // the untold order's email, stale and out of date

        assertThat(log.stateOf(untoldAttempts.get("email"))).contains("SUPERSEDED");
        assertThat(decisionOf(untold)).as("nothing of it went out, or can: it no longer counts as told, for the "
                + "fatigue caps, the repeats and the KPIs").containsEntry("STATE", "SUPERSEDED");
        assertThat((String) decisionOf(untold).get("REASON"))
                .contains("sms not sent: out of date: the order is now CANCELLED")
                .endsWith("email not sent: out of date: the order is now CANCELLED");
        assertThat(decisionOf(told)).as("its email went out").containsEntry("STATE", "DECIDED");
        assertThat(a.meters().find("herald.decisions").tags("type", "order_confirmed", "state", "SUPERSEDED")
                .counter()).as("counted once, when it became SUPERSEDED").isNotNull()
                .extracting(io.micrometer.core.instrument.Counter::count).isEqualTo(1.0);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aHeldDecisionThatNewerNewsRetiresIsCountedInTheStateItEndsIn(Database database) throws Exception {
        this.database = database;
        MovableClock clock = new MovableClock(START);
        Instance herald = Instance.on(database, clock, Duration.ofMinutes(2));
        String orderId = id("SO");
        String tracking = id("1Z");
        herald.decide(order(orderId, OrderStatus.PAID, clock.instant()), NotificationType.ORDER_CONFIRMED);
        herald.decide(shipment(tracking, orderId, ShipmentStatus.OUT_FOR_DELIVERY, clock.instant()),
                NotificationType.OUT_FOR_DELIVERY);
        clock.advance(Duration.ofSeconds(30));

        herald.decide(shipment(tracking, orderId, ShipmentStatus.DELIVERED, clock.instant()),
                NotificationType.DELIVERED);

        assertThat(database.jdbc().getJdbcTemplate().queryForList("SELECT state FROM decision "
                + "WHERE tracking_number = ? AND type = 'out_for_delivery'", String.class, tracking))
                .containsExactly("SUPERSEDED");
        for (String state : List.of("HELD", "SUPERSEDED")) {
            assertThat(herald.meters().find("herald.decisions").tags("type", "out_for_delivery", "state", state)
                    .counter()).as(state).isNotNull()
                    .extracting(io.micrometer.core.instrument.Counter::count).isEqualTo(1.0);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aLateHandOffOfAShipmentsNewsIsSentWhileTheShipmentStillSaysItAndSupersededOnceItMovedOn(Database database)
            throws Exception {
        this.database = database;
        MovableClock clock = new MovableClock(START);
        Instance a = Instance.on(database, clock, Duration.ZERO);
        String orderId = id("SO");
        String tracking = id("1Z");
        a.decide(order(orderId, OrderStatus.PAID, clock.instant()), NotificationType.ORDER_CONFIRMED);
        Map<String, String> shipped = byChannel(a.decide(shipment(tracking, orderId, ShipmentStatus.IN_TRANSIT,
                clock.instant()), NotificationType.SHIPPED));
        NotificationLog log = new NotificationLog(database.jdbc(), new SqlFiles(),
                new HeraldMetrics(new SimpleMeterRegistry()), clock);
        clock.advance(Duration.ofMinutes(3));
        assertThat(log.claim(shipped.get("sms"))).isTrue();
        assertThat(a.decisions().supersededIfOutOfDate(shipped.get("sms"))).as("still in transit").isFalse();
        assertThat(log.stateOf(shipped.get("sms"))).contains("SENDING");

        a.decide(shipment(tracking, orderId, ShipmentStatus.OUT_FOR_DELIVERY, clock.instant()),
                NotificationType.OUT_FOR_DELIVERY);
        assertThat(log.claim(shipped.get("email"))).isTrue();

        assertThat(a.decisions().supersededIfOutOfDate(shipped.get("email"))).isTrue();
        assertThat(log.stateOf(shipped.get("email"))).contains("SUPERSEDED");
        assertThat(database.jdbc().getJdbcTemplate().queryForObject("SELECT failure_reason FROM notification "
                + "WHERE id = ?", String.class, shipped.get("email")))
                .isEqualTo("out of date: the shipment is now OUT_FOR_DELIVERY");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void anAttemptsNewsIsReadThroughKeysNotByReadingATable(Database database) throws Exception {
        String plan = database.planOf("decide/find-attempt-news", new MapSqlParameterSource("id", id("N")));

        // the attempt, its decision, and its shipment or order, each found by its key, and whether its address or
        // number is suppressed (the number is sms_suppression's key): at a late hand-off and in the republish sweep,
        // under a spike, every message asks this once
        if (database.vendor().equals("h2")) {
            assertThat(plan).doesNotContain("tablescan").contains("email_suppression_once_index");
            assertThat(plan.split("primary_key", -1)).hasSize(6);
        } else {
            assertThat(plan).doesNotContain("seq scan");
            assertThat(plan.split("index scan using", -1)).hasSize(5);
        }
    }

    private static Map<String, String> byChannel(List<OutboundMessage> messages) {
        return messages.stream().collect(java.util.stream.Collectors.toMap(OutboundMessage::channel,
                OutboundMessage::notificationId));
    }

    /** The order's confirmation decision: its state and reason. */
    private Map<String, Object> decisionOf(String orderId) {
        Map<String, Object> row = database.jdbc().getJdbcTemplate().queryForMap("SELECT state, reason FROM decision "
                + "WHERE order_id = ? AND type = 'order_confirmed'", orderId);
        Map<String, Object> upper = new java.util.HashMap<>();
        row.forEach((k, v) -> upper.put(k.toUpperCase(), v));
        return upper;
    }

    /** What the two instances' release sweeps give when they run at the same time. */
    private static List<OutboundMessage> releaseOnBoth(Instance a, Instance b) throws Exception {
        List<OutboundMessage> released = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Callable<List<OutboundMessage>>> both = List.of(() -> a.decisions().releaseDue(),
                    () -> b.decisions().releaseDue());
            for (Future<List<OutboundMessage>> f : pool.invokeAll(both)) {
                released.addAll(f.get());
            }
        } finally {
            pool.shutdown();
        }
        return released;
    }

    private List<OutboundMessage> shipped(List<OutboundMessage> released, List<String> trackings) {
        return released.stream().filter(m -> m.type().equals("shipped")).filter(m -> trackings.contains(
                database.jdbc().getJdbcTemplate().queryForObject("SELECT tracking_number FROM notification WHERE id = ?",
                        String.class, m.notificationId()))).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void shipmentBeforeItsOrderWaitsAndGoesOutOnceTheCustomerIsKnown(Database database) throws Exception {
        this.database = database;
        MovableClock clock = new MovableClock(START.plus(Duration.ofDays(2)));
        Instance herald = Instance.on(database, clock, Duration.ZERO);
        String orderId = id("SO");
        String tracking = id("1Z");

        assertThat(herald.decide(shipment(tracking, orderId, ShipmentStatus.IN_TRANSIT, clock.instant()),
                NotificationType.SHIPPED)).isEmpty();
        assertThat(herald.decisions().releaseDue()).extracting(OutboundMessage::type).doesNotContain("shipped");
        herald.decide(order(orderId, OrderStatus.PAID, clock.instant()), NotificationType.ORDER_CONFIRMED);
        assertThat(herald.decisions().releaseAwaiting("order:" + id("SO"))).as("another order releases nothing")
                .isEmpty();
        List<OutboundMessage> released = ofSubject(herald.decisions().releaseAwaiting("order:" + orderId), tracking);

        assertThat(released).extracting(OutboundMessage::type).containsExactly("shipped", "shipped");
        assertThat(released).allSatisfy(m -> assertThat(m.bodyText()).contains(orderId));
        assertThat(database.jdbc().getJdbcTemplate().queryForMap(
                "SELECT state, customer_id FROM decision WHERE tracking_number = ? AND type = 'shipped'", tracking))
                .containsEntry("state", "DECIDED").containsEntry("customer_id", "C-" + orderId);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void waitForACustomerWhoNeverComesIsDroppedAfterTheWait(Database database) throws Exception {
        this.database = database;
        MovableClock clock = new MovableClock(START.plus(Duration.ofDays(3)));
        Instance herald = Instance.on(database, clock, Duration.ZERO);
        String tracking = id("1Z");
        herald.decide(shipment(tracking, id("SO"), ShipmentStatus.IN_TRANSIT, clock.instant()),
                NotificationType.SHIPPED);

        clock.advance(Duration.ofHours(1));
        herald.decisions().releaseDue();
        assertThat(database.jdbc().getJdbcTemplate().queryForMap(
                "SELECT state, reason FROM decision WHERE tracking_number = ?", tracking))
                .containsEntry("state", "AWAITING_CUSTOMER")
                .hasEntrySatisfying("reason", r -> assertThat((String) r).contains("no customer is known yet"));
        clock.advance(Duration.ofHours(23));
        herald.decisions().releaseDue();

        assertThat(database.jdbc().getJdbcTemplate().queryForMap(
                "SELECT state, reason FROM decision WHERE tracking_number = ?", tracking))
                .containsEntry("state", "DROPPED")
                .hasEntrySatisfying("reason", r -> assertThat((String) r).contains("no customer"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void stalledShipmentNotifiedOnceAndEndedByANewScan(Database database) throws Exception {
        this.database = database;
        MovableClock clock = new MovableClock(START.plus(Duration.ofDays(4)));
        Instance herald = Instance.on(database, clock, Duration.ZERO);
        String orderId = id("SO");
        String tracking = id("1Z");
        herald.decide(order(orderId, OrderStatus.PAID, clock.instant()), NotificationType.ORDER_CONFIRMED);
        herald.decide(shipment(tracking, orderId, ShipmentStatus.IN_TRANSIT, clock.instant()),
                NotificationType.SHIPPED);

        clock.advance(Duration.ofHours(71));
        assertThat(ofSubject(herald.stalled().scan(), tracking)).isEmpty();
        clock.advance(Duration.ofHours(2));
        assertThat(ofSubject(herald.stalled().scan(), tracking)).extracting(OutboundMessage::type)
                .containsExactly("stalled", "stalled");
        assertThat(ofSubject(herald.stalled().scan(), tracking)).as("once per stall").isEmpty();

        herald.decide(shipment(tracking, orderId, ShipmentStatus.IN_TRANSIT, clock.instant()),
                NotificationType.SHIPPED);
        clock.advance(Duration.ofHours(73));
        assertThat(ofSubject(herald.stalled().scan(), tracking)).as("a new scan ends the stall; a new one is told")
                .extracting(OutboundMessage::type).containsExactly("stalled", "stalled");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void customerWithoutAZoneGetsSmsDeferredByTheQuietHoursOfTheShipmentsDestination(Database database)
            throws Exception {
        this.database = database;
        ZoneId losAngeles = ZoneId.of("America/Los_Angeles");
        Instant lateInLosAngeles = LocalDateTime.of(2026, 5, 10, 23, 0).atZone(losAngeles).toInstant();
        assertThat(lateInLosAngeles.atZone(ZoneId.of("Europe/Berlin")).getHour())
                .as("daytime for the customer's German number").isEqualTo(8);
        MovableClock clock = new MovableClock(lateInLosAngeles);
        Instance herald = Instance.on(database, clock, Duration.ZERO, new QuietHours(LocalTime.of(21, 0),
                LocalTime.of(8, 0), Set.of("sms"), QuietHours.Critical.DEFER, ZoneId.of("Europe/Berlin")));
        String orderId = id("SO");
        String tracking = id("1Z");
        Customer noZone = new Customer("C-" + orderId, "Ada Lovelace", "c-" + orderId.toLowerCase() + "@example.com",
                "+4915112340001", "en", null, ChannelPreference.BOTH);
        herald.decide(new CanonicalEvent(EventType.ORDER, "oms", clock.instant().atOffset(ZoneOffset.UTC),
                UUID.randomUUID().toString(), null, new Order(orderId, OrderStatus.PAID, noZone.customerId(), null,
                null, null), noZone), NotificationType.ORDER_CONFIRMED);
        Shipment toLosAngeles = new Shipment(tracking, "ups", ShipmentStatus.IN_TRANSIT, null, null, "Reno, NV, US",
                "Departed", orderId, new Destination("US", "CA", "90012", "Los Angeles", "America/Los_Angeles"));

        List<OutboundMessage> now = herald.decide(new CanonicalEvent(EventType.SHIPMENT, "ups",
                clock.instant().atOffset(ZoneOffset.UTC), UUID.randomUUID().toString(), toLosAngeles, null, null),
                NotificationType.SHIPPED);

        assertThat(now).extracting(OutboundMessage::channel).containsExactly("email");
        Map<String, Object> decision = database.jdbc().getJdbcTemplate().queryForMap(
                "SELECT state FROM decision WHERE tracking_number = ? AND type = 'shipped'", tracking);
        assertThat(decision).containsEntry("state", "DEFERRED");
        Instant eightInLosAngeles = LocalDateTime.of(2026, 5, 11, 8, 0).atZone(losAngeles).toInstant();
        assertThat(database.jdbc().getJdbcTemplate().queryForObject(
                "SELECT due_at FROM decision WHERE tracking_number = ? AND type = 'shipped'", OffsetDateTime.class,
                tracking).toInstant()).as("the end of the quiet hours in Los Angeles").isEqualTo(eightInLosAngeles);
        clock.advance(Duration.between(lateInLosAngeles, eightInLosAngeles));
        assertThat(ofSubject(herald.decisions().releaseDue(), tracking)).extracting(OutboundMessage::channel)
                .containsExactly("sms");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void destinationZoneIsKeptByALaterEventWithoutOneAndTakenFromAnOlderEventThatNamesIt(Database database)
            throws Exception {
        this.database = database;
        MovableClock clock = new MovableClock(START.plus(Duration.ofDays(6)));
        Instance herald = Instance.on(database, clock, Duration.ZERO);
        String tracking = id("1Z");
        Shipment first = new Shipment(tracking, "ups", ShipmentStatus.IN_TRANSIT, null, null, null, "Departed", null,
                new Destination(null, null, null, null, "America/Los_Angeles"));
        herald.decide(new CanonicalEvent(EventType.SHIPMENT, "ups", clock.instant().atOffset(ZoneOffset.UTC),
                UUID.randomUUID().toString(), first, null, null), NotificationType.SHIPPED);
        clock.advance(Duration.ofHours(1));
        herald.decide(shipment(tracking, null, ShipmentStatus.OUT_FOR_DELIVERY, clock.instant()),
                NotificationType.OUT_FOR_DELIVERY);

        String late = id("1Z");
        herald.decide(shipment(late, null, ShipmentStatus.OUT_FOR_DELIVERY, clock.instant()),
                NotificationType.OUT_FOR_DELIVERY);
        Shipment older = new Shipment(late, "ups", ShipmentStatus.IN_TRANSIT, null, null, null, "Departed", null,
                new Destination(null, null, null, null, "America/Denver"));
        herald.decide(new CanonicalEvent(EventType.SHIPMENT, "ups", clock.instant().minusSeconds(3600)
                .atOffset(ZoneOffset.UTC), UUID.randomUUID().toString(), older, null, null), NotificationType.SHIPPED);

        assertThat(database.jdbc().getJdbcTemplate().queryForObject(
                "SELECT destination_zone FROM shipment WHERE tracking_number = ?", String.class, tracking))
                .isEqualTo("America/Los_Angeles");
        assertThat(database.jdbc().getJdbcTemplate().queryForObject(
                "SELECT destination_zone FROM shipment WHERE tracking_number = ?", String.class, late))
                .as("an older event does not change the status, but names where the parcel goes")
                .isEqualTo("America/Denver");
    }

    /** 22:00 in Berlin, with SMS quiet from 21:00 to 08:00 there: an email goes now, an SMS in the morning. */
    private static final Instant TEN_PM_IN_BERLIN = Instant.parse("2026-05-20T20:00:00Z");
    private static final Instant EIGHT_AM_IN_BERLIN = Instant.parse("2026-05-21T06:00:00Z");

    private static Instance atNight(Database database, MovableClock clock) {
        return Instance.on(database, clock, Duration.ZERO, new QuietHours(LocalTime.of(21, 0), LocalTime.of(8, 0),
                Set.of("sms"), QuietHours.Critical.DEFER, ZoneId.of("Europe/Berlin")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aConfirmationWhoseEmailWentOutWhileItsSmsWaitsIsNotSentAgainWhenTheOrderIsPaid(Database database)
            throws Exception {
        this.database = database;
        MovableClock clock = new MovableClock(TEN_PM_IN_BERLIN);
        Instance herald = atNight(database, clock);
        String orderId = id("SO");
        sent(clock, herald.decide(order(orderId, OrderStatus.PLACED, clock.instant()),
                NotificationType.ORDER_CONFIRMED));
        clock.advance(Duration.ofMinutes(30));

        assertThat(herald.decide(order(orderId, OrderStatus.PAID, clock.instant()), NotificationType.ORDER_CONFIRMED))
                .as("the customer has the confirmation by email already").isEmpty();

        List<Map<String, Object>> confirmations = confirmationsOf(orderId);
        assertThat(confirmations).extracting(r -> r.get("STATE")).containsExactly("DEFERRED", "DROPPED");
        assertThat((String) confirmations.get(1).get("REASON")).contains("already sent")
                .contains((String) confirmations.get(0).get("ID"));
        clock.advance(Duration.between(clock.instant(), EIGHT_AM_IN_BERLIN));
        assertThat(ofOrder(herald.decisions().releaseDue(), orderId)).as("the first one's SMS, still current")
                .extracting(OutboundMessage::channel).containsExactly("sms");
        assertThat(confirmationsOf(orderId)).extracting(r -> r.get("STATE")).containsExactly("DECIDED", "DROPPED");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aConfirmationWhoseEmailWentOutStaysDecidedWhenItsMorningSmsIsOutOfDate(Database database) throws Exception {
        this.database = database;
        MovableClock clock = new MovableClock(TEN_PM_IN_BERLIN);
        Instance herald = atNight(database, clock);
        String orderId = id("SO");
        sent(clock, herald.decide(order(orderId, OrderStatus.PLACED, clock.instant()),
                NotificationType.ORDER_CONFIRMED));
        clock.advance(Duration.ofHours(1));
        herald.decide(order(orderId, OrderStatus.CANCELLED, clock.instant()), NotificationType.ORDER_CANCELLED);
        clock.advance(Duration.between(clock.instant(), EIGHT_AM_IN_BERLIN));

        assertThat(ofOrder(herald.decisions().releaseDue(), orderId)).extracting(OutboundMessage::type,
                OutboundMessage::channel).containsExactly(org.assertj.core.groups.Tuple.tuple("order_cancelled", "sms"));

        Map<String, Object> confirmation = confirmationsOf(orderId).get(0);
        assertThat(confirmation).as("its email told the customer").containsEntry("STATE", "DECIDED");
        assertThat((String) confirmation.get("REASON")).contains("sms not sent: out of date: the order is now "
                + "CANCELLED");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aDelayWhoseEmailWentOutStaysDecidedWhenANewReasonSupersedesItsMorningSms(Database database)
            throws Exception {
        this.database = database;
        MovableClock clock = new MovableClock(TEN_PM_IN_BERLIN);
        Instance herald = atNight(database, clock);
        String orderId = id("SO");
        String tracking = id("1Z");
        herald.decide(order(orderId, OrderStatus.PAID, clock.instant()), NotificationType.ORDER_CONFIRMED);
        sent(clock, herald.decide(exception(tracking, orderId, ExceptionReason.WEATHER, clock.instant()),
                NotificationType.DELAYED));
        clock.advance(Duration.ofMinutes(30));

        assertThat(herald.decide(exception(tracking, orderId, ExceptionReason.ADDRESS, clock.instant()),
                NotificationType.DELAYED)).extracting(OutboundMessage::channel).containsExactly("email");

        List<Map<String, Object>> delays = decisionsOf(tracking);
        assertThat(delays.get(0)).as("its email told the customer").containsEntry("STATE", "DECIDED");
        assertThat((String) delays.get(0).get("REASON")).contains("not sent: superseded by delayed (EXCEPTION)");
        assertThat(delays.get(1)).containsEntry("STATE", "DEFERRED");
        clock.advance(Duration.between(clock.instant(), EIGHT_AM_IN_BERLIN));
        assertThat(ofSubject(herald.decisions().releaseDue(), tracking)).as("the newer delay's SMS only")
                .extracting(OutboundMessage::channel).containsExactly("sms");
        assertThat(herald.meters().find("herald.decisions").tags("type", "delayed", "state", "SUPERSEDED")
                .counter()).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aCriticalAlertWhoseMorningSmsWasStoppedOvernightGoesByEmail(Database database) throws Exception {
        this.database = database;
        MovableClock clock = new MovableClock(TEN_PM_IN_BERLIN.plus(Duration.ofHours(1)));
        Instance herald = atNight(database, clock);
        String orderId = id("SO");
        String tracking = id("1Z");
        String phone = "+4915112349999";
        Customer smsOnly = new Customer("C-" + orderId, "Ada Lovelace", "c-" + orderId.toLowerCase() + "@example.com",
                phone, "en", "Europe/Berlin", ChannelPreference.SMS);
        herald.decide(new CanonicalEvent(EventType.ORDER, "oms", clock.instant().atOffset(ZoneOffset.UTC),
                UUID.randomUUID().toString(), null, new Order(orderId, OrderStatus.PAID, smsOnly.customerId(), null,
                null, null), smsOnly), NotificationType.ORDER_CONFIRMED);
        assertThat(herald.decide(exception(tracking, orderId, ExceptionReason.WEATHER, clock.instant()),
                NotificationType.DELAYED)).as("SMS only, deferred to the morning").isEmpty();
        clock.advance(Duration.ofHours(2));
        new PreferenceStore(database.jdbc(), new SqlFiles(), new PreferenceProperties(
                new PreferenceProperties.Defaults(null, null))).optOutSms(phone, clock.instant().atOffset(
                ZoneOffset.UTC), "twilio");
        clock.advance(Duration.between(clock.instant(), EIGHT_AM_IN_BERLIN));

        assertThat(ofSubject(herald.decisions().releaseDue(), tracking)).as("no channel remains: by email")
                .extracting(OutboundMessage::channel).containsExactly("email");
        assertThat(database.jdbc().getJdbcTemplate().queryForMap("SELECT state, reason FROM decision "
                + "WHERE tracking_number = ? AND type = 'delayed'", tracking)).containsEntry("state", "DECIDED")
                .hasEntrySatisfying("reason", r -> assertThat((String) r)
                        .contains("email: fallback for a critical alert"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aShipmentsNewsReleasedForItsCustomerAtTheCapMakesAWeakerHeldOneGiveWay(Database database)
            throws Exception {
        this.database = database;
        // 14:00 in Berlin; the customer had five optional messages today (per-customer-per-day: 6)
        MovableClock clock = new MovableClock(Instant.parse("2026-05-22T12:00:00Z"));
        Instance herald = Instance.on(database, clock, Duration.ofMinutes(2));
        String customerId = "C-" + id("CU");
        for (int i = 0; i < 4; i++) {
            herald.decide(order(id("SO"), OrderStatus.PAID, clock.instant(), customerId),
                    NotificationType.ORDER_CONFIRMED);
        }
        String orderId = id("SO");
        String tracking = id("1Z");
        OffsetDateTime eta = clock.instant().plus(Duration.ofDays(2)).atOffset(ZoneOffset.UTC);
        herald.decide(inTransit(tracking, orderId, eta, clock.instant()), NotificationType.ETA_CHANGED);
        clock.advance(Duration.ofSeconds(1));
        herald.decide(inTransit(tracking, orderId, eta, clock.instant()), NotificationType.SHIPPED);
        assertThat(decisionsOf(tracking)).as("its order is not known yet").extracting(r -> r.get("STATE"))
                .containsExactly("AWAITING_CUSTOMER", "AWAITING_CUSTOMER");
        clock.advance(Duration.ofSeconds(30));
        herald.decide(order(orderId, OrderStatus.PAID, clock.instant(), customerId), NotificationType.ORDER_CONFIRMED);

        herald.decisions().releaseDue(); // the eta_changed first, held (the sixth), then the shipped at the cap

        assertThat(decisionsOf(tracking)).extracting(r -> r.get("TYPE"), r -> r.get("STATE")).containsExactly(
                org.assertj.core.groups.Tuple.tuple("eta_changed", "SUPPRESSED"),
                org.assertj.core.groups.Tuple.tuple("shipped", "HELD"));
        assertThat((String) decisionsOf(tracking).get(0).get("REASON")).contains("made way for shipped");
        clock.advance(Duration.ofMinutes(2));
        assertThat(ofSubject(herald.decisions().releaseDue(), tracking)).extracting(OutboundMessage::type)
                .containsExactly("shipped", "shipped");
    }

    /** The one message decided now, an email, goes out. */
    private void sent(MovableClock clock, List<OutboundMessage> decided) {
        assertThat(decided).extracting(OutboundMessage::channel).containsExactly("email");
        NotificationLog log = new NotificationLog(database.jdbc(), new SqlFiles(),
                new HeraldMetrics(new SimpleMeterRegistry()), clock);
        assertThat(log.claim(decided.get(0).notificationId())).isTrue();
        log.markSent(decided.get(0).notificationId(), "email", "<" + decided.get(0).notificationId() + "@herald>",
                clock.millis());
    }

    /** An order's confirmations, in the order they were decided: id, state and reason. */
    private List<Map<String, Object>> confirmationsOf(String orderId) {
        return upper(database.jdbc().getJdbcTemplate().queryForList("SELECT id, state, reason FROM decision "
                + "WHERE order_id = ? AND type = 'order_confirmed' ORDER BY created_at, seq", orderId));
    }

    /** A shipment's decisions, in the order they were decided: type, state and reason. */
    private List<Map<String, Object>> decisionsOf(String tracking) {
        return upper(database.jdbc().getJdbcTemplate().queryForList("SELECT type, state, reason FROM decision "
                + "WHERE tracking_number = ? ORDER BY created_at, seq", tracking));
    }

    private static List<Map<String, Object>> upper(List<Map<String, Object>> rows) {
        return rows.stream().map(row -> {
            Map<String, Object> upper = new java.util.HashMap<>();
            row.forEach((k, v) -> upper.put(k.toUpperCase(), v));
            return upper;
        }).toList();
    }

    /** The messages of one order, told apart by the notification log. */
    private List<OutboundMessage> ofOrder(List<OutboundMessage> messages, String orderId) {
        return messages.stream().filter(m -> orderId.equals(database.jdbc().getJdbcTemplate().queryForObject(
                "SELECT order_id FROM notification WHERE id = ?", String.class, m.notificationId()))).toList();
    }

    private static CanonicalEvent exception(String tracking, String orderId, ExceptionReason reason, Instant at) {
        Shipment shipment = new Shipment(tracking, "ups", ShipmentStatus.EXCEPTION, reason, null, "Leipzig, DE",
                "Exception", orderId, null);
        return new CanonicalEvent(EventType.SHIPMENT, "wms", OffsetDateTime.ofInstant(at, ZoneOffset.UTC),
                UUID.randomUUID().toString(), shipment, null, null);
    }

    private static CanonicalEvent inTransit(String tracking, String orderId, OffsetDateTime eta, Instant at) {
        Shipment shipment = new Shipment(tracking, "ups", ShipmentStatus.IN_TRANSIT, null, eta, "Leipzig, DE",
                "Departed", orderId, null);
        return new CanonicalEvent(EventType.SHIPMENT, "wms", OffsetDateTime.ofInstant(at, ZoneOffset.UTC),
                UUID.randomUUID().toString(), shipment, null, null);
    }

    /** The messages of one shipment, told apart by the notification log. */
    private List<OutboundMessage> ofSubject(List<OutboundMessage> messages, String tracking) {
        return messages.stream().filter(m -> tracking.equals(database.jdbc().getJdbcTemplate().queryForObject(
                "SELECT tracking_number FROM notification WHERE id = ?", String.class, m.notificationId()))).toList();
    }

    private static CanonicalEvent order(String orderId, OrderStatus status, Instant at) {
        return order(orderId, status, at, "C-" + orderId);
    }

    private static CanonicalEvent order(String orderId, OrderStatus status, Instant at, String customerId) {
        return order(orderId, status, at, customerId, "+4915112340001");
    }

    /** An order of a customer with a number of their own: a STOP is the number's. */
    private static CanonicalEvent orderWithNumber(String orderId, OrderStatus status, Instant at, String phone) {
        return order(orderId, status, at, "C-" + orderId, phone);
    }

    private static CanonicalEvent order(String orderId, OrderStatus status, Instant at, String customerId,
                                        String phone) {
        Customer customer = new Customer(customerId, "Ada Lovelace", customerId.toLowerCase() + "@example.com",
                phone, "en", "Europe/Berlin", ChannelPreference.BOTH);
        Order order = new Order(orderId, status, customerId, null, null, null);
        return new CanonicalEvent(EventType.ORDER, "oms", at.atOffset(ZoneOffset.UTC), UUID.randomUUID().toString(),
                null, order, customer);
    }

    private static CanonicalEvent shipment(String tracking, String orderId, ShipmentStatus status, Instant at) {
        Shipment shipment = new Shipment(tracking, "ups", status, null, null, "Leipzig, DE", "Scan", orderId, null);
        return new CanonicalEvent(EventType.SHIPMENT, "wms", OffsetDateTime.ofInstant(at, ZoneOffset.UTC),
                UUID.randomUUID().toString(), shipment, null, null);
    }

    private static String id(String prefix) {
        return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toUpperCase();
    }
}
