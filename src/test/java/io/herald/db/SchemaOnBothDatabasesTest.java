package io.herald.db;

import java.time.Clock;
import io.herald.support.Names;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.herald.canonical.CanonicalEvent;
import io.herald.canonical.ChannelPreference;
import io.herald.canonical.Customer;
import io.herald.canonical.EventType;
import io.herald.canonical.Order;
import io.herald.canonical.OrderStatus;
import io.herald.canonical.Shipment;
import io.herald.canonical.ShipmentStatus;
import io.herald.config.HeraldProperties;
import io.herald.intake.IntakeFailures;
import io.herald.normalize.IntakeRejectedException;
import io.herald.normalize.RejectReason;
import io.herald.notify.Notification;
import io.herald.notify.NotificationLog;
import io.herald.ops.DeadLetters;
import io.herald.ops.HeraldMetrics;
import io.herald.ops.SourceHealth;
import io.herald.state.BatchReads;
import io.herald.state.EventBatchReads;
import io.herald.state.EventFingerprints;
import io.herald.state.StateStore;
import io.herald.decide.QuietHours;
import io.herald.decide.RuleSettings;
import io.herald.support.KafkaBatches;
import io.herald.support.SqlFiles;
import io.herald.tracking.CarrierPolls;
import io.herald.tracking.CarrierRequests;
import io.herald.tracking.PollTarget;
import io.herald.tracking.PollingProperties;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.output.MigrateResult;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Herald's Flyway migrations and SQL files on both databases it supports: a real PostgreSQL (zonky's embedded
 * binaries) and H2 in memory, as the default run uses it. Drives the real state, notification-log, intake-failure
 * and dead-letter beans and Camel's JDBC idempotent repository, without a Spring context.
 */
class SchemaOnBothDatabasesTest {

    private static final List<String> TABLES = List.of("camel_messageprocessed", "customer", "customer_order",
            "shipment", "timeline", "notification", "intake_failure", "dead_letter", "tracking_poll", "carrier_pause");
    private static final AtomicInteger IDS = new AtomicInteger();
    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();
    private static final OffsetDateTime NOW = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS);

    private static EmbeddedPostgres postgres;
    private static CamelContext camel;
    private static List<Database> databases;

    /** One database under test, with the outcome of migrating it. */
    record Database(String name, String vendor, DataSource dataSource, MigrateResult migration) {

        @Override
        public String toString() {
            return name;
        }
    }

    /** The beans under test, built by hand on one database. */
    record Herald(NamedParameterJdbcTemplate jdbc, SqlFiles sql, SimpleMeterRegistry meters, StateStore state,
                  NotificationLog notifications, IntakeFailures intakeFailures, DeadLetters deadLetters) {

        static Herald on(DataSource dataSource) {
            NamedParameterJdbcTemplate jdbc = new NamedParameterJdbcTemplate(dataSource);
            SqlFiles sql = new SqlFiles();
            ObjectMapper json = new ObjectMapper().findAndRegisterModules();
            SimpleMeterRegistry meters = new SimpleMeterRegistry();
            HeraldMetrics metrics = new HeraldMetrics(meters);
            HeraldProperties properties = new HeraldProperties("./data", "classpath:mappings/", "classpath:templates/",
                    new HeraldProperties.Intake(1_048_576, 64, null, false, null, null), Map.of(),
                    new HeraldProperties.Notifications("en", "Herald <notifications@herald.local>", "+15005550006",
                            "", Duration.ofDays(30), Duration.ZERO, Duration.ofHours(24),
                            new HeraldProperties.Cap(3, 6), new HeraldProperties.Fallback(true, false)));
            NotificationLog notifications = new NotificationLog(jdbc, sql, metrics, Clock.systemUTC());
            return new Herald(jdbc, sql, meters, new StateStore(jdbc, sql, json, properties,
                    new RuleSettings(new org.springframework.mock.env.MockEnvironment()), QUIET_HOURS,
                    Clock.systemUTC(), new io.herald.decide.PreferenceStore(jdbc, sql,
                    new io.herald.decide.PreferenceProperties(
                            new io.herald.decide.PreferenceProperties.Defaults(null, null))),
                    new io.herald.customer.CustomerErasure(jdbc, sql, json)), notifications,
                    new IntakeFailures(jdbc, sql, json, new SourceHealth(metrics, meters, 0.5, 10)),
                    new DeadLetters(jdbc, sql, json, notifications, new DataSourceTransactionManager(dataSource),
                            new io.herald.support.BatchTransactions(dataSource)));
        }

        /** Applies the event as the decide route does, and returns the message with the headers the rules read. */
        Message apply(CanonicalEvent event) throws Exception {
            return apply(event, null);
        }

        /** Applies the event as a record of this batch (of {@link #batchOf}), with what the batch read ahead. */
        Message apply(CanonicalEvent event, Exchange batch) throws Exception {
            Exchange exchange = new DefaultExchange(camel);
            if (batch != null) {
                exchange.setProperty(Names.Property.BATCH_READS, batch.getProperty(Names.Property.BATCH_READS));
            }
            exchange.getMessage().setBody(event);
            state.apply(exchange);
            return exchange.getMessage();
        }

        /** A batch's exchange as camel-kafka's {@code batching=true} makes it: a record's exchange per body. */
        Exchange batchOf(String... bodies) {
            List<Exchange> records = new java.util.ArrayList<>();
            for (String body : bodies) {
                Exchange record = new DefaultExchange(camel);
                record.getMessage().setBody(body);
                record.getMessage().setHeader(KafkaConstants.TOPIC, "herald.events");
                record.getMessage().setHeader(KafkaConstants.PARTITION, 3);
                record.getMessage().setHeader(KafkaConstants.OFFSET, (long) records.size());
                records.add(record);
            }
            Exchange batch = new DefaultExchange(camel);
            batch.getMessage().setBody(records);
            return batch;
        }

        EventBatchReads batchReads() {
            return new EventBatchReads(jdbc, sql, JSON);
        }

        Map<String, Object> row(String select, Object... values) {
            return jdbc.getJdbcTemplate().queryForMap(select, values);
        }

        int count(String select, Object... values) {
            Integer count = jdbc.getJdbcTemplate().queryForObject(select, Integer.class, values);
            return count == null ? 0 : count;
        }
    }

    @BeforeAll
    static void startDatabases() throws IOException {
        camel = new DefaultCamelContext();
        camel.start();
        postgres = EmbeddedPostgres.builder().start();
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:herald-schema-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        h2.setUser("herald");
        databases = List.of(migrated("PostgreSQL", postgres.getPostgresDatabase(), "postgresql"),
                migrated("H2", h2, "h2"));
    }

    private static Database migrated(String name, DataSource dataSource, String vendor) {
        MigrateResult result = Flyway.configure().dataSource(dataSource).locations("classpath:db/" + vendor)
                .load().migrate();
        return new Database(name, vendor, dataSource, result);
    }

    @AfterAll
    static void stopDatabases() throws IOException {
        if (postgres != null) {
            postgres.close();
        }
        if (camel != null) {
            camel.stop();
        }
    }

    static Stream<Database> databases() {
        return databases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void migrationsApplyCleanlyAndCreateEveryTable(Database database) {
        assertThat(database.migration().success).isTrue();
        assertThat(database.migration().migrationsExecuted).isPositive();
        Flyway flyway = Flyway.configure().dataSource(database.dataSource())
                .locations("classpath:db/" + database.vendor()).load();
        assertThat(flyway.info().pending()).isEmpty();
        assertThat(flyway.info().applied()).extracting(MigrationInfo::getState)
                .allSatisfy(state -> assertThat(state.isFailed()).isFalse());
        assertThat(flyway.validateWithResult().validationSuccessful).isTrue();
        Herald herald = Herald.on(database.dataSource());
        for (String table : TABLES) {
            assertThatCode(() -> herald.count("SELECT COUNT(*) FROM " + table)).as(table).doesNotThrowAnyException();
        }
    }

    /** H2 writes its store for every range of identities it reserves: V12 makes each range 1,000 values. */
    @org.junit.jupiter.api.Test
    void everyH2IdentityColumnReservesAThousandValuesAtATime() {
        Database h2 = databases.stream().filter(d -> d.vendor().equals("h2")).findFirst().orElseThrow();
        Herald herald = Herald.on(h2.dataSource());
        List<Map<String, Object>> identities = herald.jdbc().getJdbcTemplate().queryForList(
                "SELECT table_name, column_name, identity_cache FROM information_schema.columns "
                        + "WHERE table_schema = 'PUBLIC' AND is_identity = 'YES'");
        assertThat(identities).hasSize(8).allSatisfy(column ->
                assertThat(((Number) column.get("IDENTITY_CACHE")).longValue()).as(column.toString())
                        .isEqualTo(1000));
    }

    /**
     * V15 leaves room on the notification table's pages, so that an attempt's SENDING and SENT, which change no
     * indexed column, can be heap-only updates (the benchmark measures what that saves: docs/benchmarks.md).
     */
    @org.junit.jupiter.api.Test
    void postgresqlLeavesRoomOnTheNotificationTablesPagesForItsStateUpdates() {
        Database postgresql = databases.stream().filter(d -> d.vendor().equals("postgresql")).findFirst()
                .orElseThrow();
        assertThat(Herald.on(postgresql.dataSource()).jdbc().getJdbcTemplate().queryForList(
                "SELECT unnest(reloptions) FROM pg_class WHERE relname = 'notification'", String.class))
                .containsExactly("fillfactor=70");
    }

    /**
     * V13 keeps text up to 64 KiB in its row instead of H2's LOB storage; a longer one still goes there, and both read
     * back whole.
     */
    @org.junit.jupiter.api.Test
    void h2KeepsTextUpTo64KibInItsRowAndLongerTextInItsLobStorage() {
        Database h2 = databases.stream().filter(d -> d.vendor().equals("h2")).findFirst().orElseThrow();
        Herald herald = Herald.on(h2.dataSource());
        assertThat(herald.jdbc().getJdbcTemplate().queryForObject("SELECT setting_value FROM "
                + "information_schema.settings WHERE setting_name = 'MAX_LENGTH_INPLACE_LOB'", String.class))
                .isEqualTo("65536");
        String id = java.util.UUID.randomUUID().toString();
        String inRow = "x".repeat(60_000);
        String inLobStorage = "y".repeat(200_000);
        herald.jdbc().getJdbcTemplate().update("INSERT INTO notification (id, subject_key, type, channel, locale, "
                + "recipient, body_text, body_html, state, created_at, updated_at) VALUES (?, 'shipment:ups:1Z', "
                + "'shipped', 'email', 'en', 'lob@example.com', ?, ?, 'DECIDED', CURRENT_TIMESTAMP, "
                + "CURRENT_TIMESTAMP)", id, inRow, inLobStorage);
        assertThat(herald.jdbc().getJdbcTemplate().queryForObject("SELECT body_text FROM notification WHERE id = ?",
                String.class, id)).isEqualTo(inRow);
        assertThat(herald.jdbc().getJdbcTemplate().queryForObject("SELECT body_html FROM notification WHERE id = ?",
                String.class, id)).isEqualTo(inLobStorage);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void orderEventStoresCustomerAndOrderAndLaterEventMovesTheStatus(Database database) throws Exception {
        Herald herald = Herald.on(database.dataSource());
        String orderId = id("SO-DB");
        String customerId = id("C-DB");

        Message placed = herald.apply(orderEvent(orderId, customerId, OrderStatus.PLACED, NOW.minusMinutes(30),
                new BigDecimal("42.50")));
        assertThat(placed.getHeader(Names.Header.EVENT_TYPE)).isEqualTo("order");
        assertThat(placed.getHeader(Names.Header.SUBJECT_KEY)).isEqualTo("order:" + orderId);
        assertThat(placed.getHeader(Names.Header.STATUS)).isEqualTo("PLACED");
        assertThat(placed.getHeader(Names.Header.PREVIOUS_STATUS)).isNull();
        assertThat(placed.getHeader(Names.Header.STATUS_CHANGED)).isEqualTo(true);
        assertThat(placed.getHeader(Names.Header.CURRENT)).isEqualTo(true);

        Map<String, Object> customer = herald.row("SELECT name, email, phone, locale, timezone "
                + "FROM customer WHERE customer_id = ?", customerId);
        assertThat(customer).containsValues("Ada Lovelace", customerId + "@example.com", "+4915112340001", "en",
                "Europe/Berlin");
        assertThat(herald.count("SELECT COUNT(*) FROM preference WHERE customer_id = ? AND origin = 'SOURCE'",
                customerId)).as("the order's consent is kept as the source's").isPositive();

        Message paid = herald.apply(orderEvent(orderId, customerId, OrderStatus.PAID, NOW.minusMinutes(10), null));
        assertThat(paid.getHeader(Names.Header.STATUS)).isEqualTo("PAID");
        assertThat(paid.getHeader(Names.Header.PREVIOUS_STATUS)).isEqualTo("PLACED");
        assertThat(paid.getHeader(Names.Header.STATUS_CHANGED)).isEqualTo(true);

        Map<String, Object> details = herald.jdbc().queryForMap(herald.sql().get("notify/find-order-details"),
                new MapSqlParameterSource("orderId", orderId));
        assertThat(details.get("status")).isEqualTo("PAID");
        assertThat((BigDecimal) details.get("total")).isEqualByComparingTo("42.50");
        assertThat(details.get("currency")).isEqualTo("EUR");
        assertThat(String.valueOf(details.get("items_json"))).contains("\"sku\":\"MUG-1\"");

        List<Map<String, Object>> recipients = herald.jdbc().queryForList(
                herald.sql().get("decide/find-order-subject"), new MapSqlParameterSource("orderId", orderId));
        assertThat(recipients).singleElement().satisfies(r ->
                assertThat(r.get("email")).isEqualTo(customerId + "@example.com"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void shipmentIsLinkedToItsOrderAndAnOlderEventDoesNotChangeItsStatus(Database database) throws Exception {
        Herald herald = Herald.on(database.dataSource());
        String orderId = id("SO-DB");
        String customerId = id("C-DB");
        String tracking = id("1ZDB");
        herald.apply(orderEvent(orderId, customerId, OrderStatus.PAID, NOW.minusHours(3), null));

        Message inTransit = herald.apply(shipmentEvent(tracking, ShipmentStatus.IN_TRANSIT, NOW.minusMinutes(60),
                orderId));
        assertThat(inTransit.getHeader(Names.Header.SUBJECT_KEY)).isEqualTo("shipment:ups:" + tracking);
        assertThat(inTransit.getHeader(Names.Header.STATUS)).isEqualTo("IN_TRANSIT");
        assertThat(inTransit.getHeader(Names.Header.STATUS_CHANGED)).isEqualTo(true);
        assertThat(inTransit.getHeader(Names.Header.CURRENT)).isEqualTo(true);

        Message older = herald.apply(shipmentEvent(tracking, ShipmentStatus.INFO_RECEIVED, NOW.minusMinutes(120),
                orderId));
        assertThat(older.getHeader(Names.Header.STATUS)).isEqualTo("IN_TRANSIT");
        assertThat(older.getHeader(Names.Header.PREVIOUS_STATUS)).isEqualTo("IN_TRANSIT");
        assertThat(older.getHeader(Names.Header.STATUS_CHANGED)).isEqualTo(false);
        assertThat(older.getHeader(Names.Header.CURRENT)).isEqualTo(false);
        Map<String, Object> stored = herald.row("SELECT status, order_id FROM shipment WHERE carrier = 'ups' "
                + "AND tracking_number = ?", tracking);
        assertThat(stored).containsValues("IN_TRANSIT", orderId);
        assertThat(herald.count("SELECT COUNT(*) FROM timeline WHERE subject_key = ?", "shipment:ups:" + tracking))
                .as("the older event is kept in the timeline").isEqualTo(2);

        Message delivered = herald.apply(shipmentEvent(tracking, ShipmentStatus.DELIVERED, NOW.minusMinutes(5),
                null));
        assertThat(delivered.getHeader(Names.Header.STATUS)).isEqualTo("DELIVERED");
        assertThat(delivered.getHeader(Names.Header.PREVIOUS_STATUS)).isEqualTo("IN_TRANSIT");
        assertThat(delivered.getHeader(Names.Header.STATUS_CHANGED)).isEqualTo(true);
        assertThat(herald.row("SELECT status, order_id FROM shipment WHERE tracking_number = ?", tracking))
                .as("an event without an order id keeps the link").containsValues("DELIVERED", orderId);

        List<Map<String, Object>> recipients = herald.jdbc().queryForList(
                herald.sql().get("decide/find-shipment-subject"),
                new MapSqlParameterSource().addValue("carrier", "ups").addValue("trackingNumber", tracking));
        assertThat(recipients).singleElement().satisfies(r -> {
            assertThat(r.get("order_id")).isEqualTo(orderId);
            assertThat(r.get("phone")).isEqualTo("+4915112340001");
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void eventComingAgainAfterItsStateWasCommittedMakesTheSameTransition(Database database) throws Exception {
        Herald herald = Herald.on(database.dataSource());
        String orderId = id("SO-RE");
        String tracking = id("1ZRE");
        herald.apply(orderEvent(orderId, id("C-RE"), OrderStatus.PAID, NOW.minusHours(3), null));
        herald.apply(shipmentEvent(tracking, ShipmentStatus.IN_TRANSIT, NOW.minusMinutes(60), orderId));
        CanonicalEvent outForDelivery = shipmentEvent(tracking, ShipmentStatus.OUT_FOR_DELIVERY,
                NOW.minusMinutes(10), orderId);
        Message first = herald.apply(outForDelivery);

        // Herald was killed after this commit, before the decide stage: Kafka gives the event again
        Message again = herald.apply(outForDelivery);

        for (String header : List.of(Names.Header.STATUS, Names.Header.PREVIOUS_STATUS, Names.Header.STATUS_CHANGED,
                Names.Header.CURRENT, Names.Header.REASON_CHANGED, Names.Header.ETA_MOVED)) {
            assertThat(again.getHeader(header)).as(header).isEqualTo(first.getHeader(header));
        }
        assertThat(again.getHeader(Names.Header.STATUS_CHANGED)).isEqualTo(true);
        assertThat(again.getHeader(Names.Header.PREVIOUS_STATUS)).isEqualTo("IN_TRANSIT");
        assertThat(herald.count("SELECT COUNT(*) FROM timeline WHERE subject_key = ?", "shipment:ups:" + tracking))
                .as("the event is in the timeline once").isEqualTo(2);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void olderEventWithTheOrderIdStillLinksAnUnlinkedShipment(Database database) throws Exception {
        Herald herald = Herald.on(database.dataSource());
        String orderId = id("SO-DB");
        String tracking = id("1ZDB");
        herald.apply(shipmentEvent(tracking, ShipmentStatus.OUT_FOR_DELIVERY, NOW.minusMinutes(20), null));

        herald.apply(shipmentEvent(tracking, ShipmentStatus.IN_TRANSIT, NOW.minusMinutes(90), orderId));

        assertThat(herald.row("SELECT status, order_id FROM shipment WHERE tracking_number = ?", tracking))
                .containsValues("OUT_FOR_DELIVERY", orderId);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void laterUnknownStatusDoesNotReplaceAKnownOne(Database database) throws Exception {
        Herald herald = Herald.on(database.dataSource());
        String tracking = id("1ZDB");
        herald.apply(shipmentEvent(tracking, ShipmentStatus.OUT_FOR_DELIVERY, NOW.minusMinutes(20), null));

        herald.apply(shipmentEvent(tracking, ShipmentStatus.UNKNOWN, NOW.minusMinutes(1), null));

        assertThat(herald.row("SELECT status FROM shipment WHERE tracking_number = ?", tracking))
                .containsValues("OUT_FOR_DELIVERY");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void duplicateEventIsRecordedOnceInTheTimeline(Database database) throws Exception {
        Herald herald = Herald.on(database.dataSource());
        String tracking = id("1ZDB");
        CanonicalEvent event = shipmentEvent(tracking, ShipmentStatus.IN_TRANSIT, NOW.minusMinutes(30), null);

        herald.apply(event);
        herald.apply(event);

        assertThat(herald.count("SELECT COUNT(*) FROM timeline WHERE fingerprint = ?", event.fingerprint()))
                .isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void notificationLogFindsMarksSentAndListsByOrderAndTrackingNumber(Database database) throws Exception {
        Herald herald = Herald.on(database.dataSource());
        String orderId = id("SO-DB");
        String customerId = id("C-DB");
        String tracking = id("1ZDB");
        herald.apply(orderEvent(orderId, customerId, OrderStatus.PLACED, NOW.minusHours(2), null));
        herald.apply(shipmentEvent(tracking, ShipmentStatus.IN_TRANSIT, NOW.minusHours(1), orderId));
        String confirmed = insertNotification(herald, "order:" + orderId, "order_confirmed", "email", orderId, null,
                NOW.minusMinutes(3));
        // a shipment notification without an order id is listed for the order through its shipment
        String shipped = insertNotification(herald, "shipment:ups:" + tracking, "shipped", "sms", null, tracking,
                NOW.minusMinutes(2));

        Notification decided = herald.notifications().findById(confirmed).orElseThrow();
        assertThat(decided.state()).isEqualTo("DECIDED");
        assertThat(decided.bodyText()).isEqualTo("Body of order_confirmed");
        assertThat(decided.bodyHtml()).isEqualTo("<p>order_confirmed</p>");
        assertThat(decided.sentAt()).isNull();
        assertThat(herald.notifications().stateOf(confirmed)).contains("DECIDED");
        assertThat(herald.notifications().sendingSince(confirmed)).as("DECIDED, not SENDING").isEmpty();
        assertThat(herald.notifications().claim(confirmed)).isTrue();
        assertThat(herald.notifications().sendingSince(confirmed)).hasValueSatisfying(since -> assertThat(
                since.toInstant()).isCloseTo(java.time.Instant.now(), within(1, ChronoUnit.MINUTES)));

        herald.notifications().markSent(confirmed, "email", "<provider-1@smtp>", System.currentTimeMillis());
        herald.notifications().markSent(confirmed, "email", "<provider-2@smtp>", System.currentTimeMillis());

        Notification sent = herald.notifications().findById(confirmed).orElseThrow();
        assertThat(sent.state()).isEqualTo("SENT");
        assertThat(sent.providerId()).as("a second hand-off does not overwrite the first").isEqualTo("<provider-1@smtp>");
        assertThat(sent.sentAt()).isNotNull();
        assertThat(herald.notifications().stateOf(confirmed)).contains("SENT");
        assertThat(herald.meters().get("herald.notifications").tag("channel", "email").tag("state", "SENT")
                .counter().count()).isEqualTo(1.0);

        assertThat(herald.notifications().byOrder(orderId)).extracting(Notification::id)
                .containsExactly(confirmed, shipped);
        assertThat(herald.notifications().byTrackingNumber(tracking)).extracting(Notification::id)
                .containsExactly(shipped);
        assertThat(herald.notifications().recentlySent(1000)).extracting(Notification::id)
                .contains(confirmed).doesNotContain(shipped);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void secondAttemptOfTheSameDecisionOnTheSameChannelIsRefused(Database database) {
        Herald herald = Herald.on(database.dataSource());
        String subject = "order:" + id("SO-DB");
        String decision = UUID.randomUUID().toString();
        insertNotification(herald, decision, subject, "order_confirmed", "email", null, null, NOW);

        assertThatThrownBy(() -> insertNotification(herald, decision, subject, "order_confirmed", "email", null, null,
                NOW)).isInstanceOf(DuplicateKeyException.class);
        insertNotification(herald, decision, subject, "order_confirmed", "sms", null, null, NOW);
        // a repeat is a new decision: the same subject, type and channel again
        insertNotification(herald, UUID.randomUUID().toString(), subject, "order_confirmed", "email", null, null, NOW);
        assertThat(herald.count("SELECT COUNT(*) FROM notification WHERE subject_key = ?", subject)).isEqualTo(3);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void samePayloadRefusedTwiceIsOneIntakeFailureSeenTwice(Database database) throws Exception {
        Herald herald = Herald.on(database.dataSource());
        String source = id("src");
        byte[] payload = ("eventId=" + source + "&eventType=order.created").getBytes(StandardCharsets.UTF_8);

        JsonNode first = recordRejection(herald, source, payload);
        JsonNode second = recordRejection(herald, source, payload);

        assertThat(second.path("failureId").asLong()).isEqualTo(first.path("failureId").asLong());
        assertThat(second.path("payload").asText()).isEqualTo(new String(payload, StandardCharsets.UTF_8));
        Map<String, Object> failure = herald.row("SELECT reason_code, seen_count, resolved, content_type "
                + "FROM intake_failure WHERE source = ?", source);
        assertThat(failure).containsValues("UNPARSEABLE", "application/x-www-form-urlencoded", false);
        assertThat(((Number) failure.get("seen_count")).intValue()).isEqualTo(2);
        byte[] stored = herald.jdbc().getJdbcTemplate().queryForObject(
                "SELECT payload FROM intake_failure WHERE source = ?", byte[].class, source);
        assertThat(stored).isEqualTo(payload);
        assertThat(herald.meters().get("herald.intake.rejected").tag("source", source).counter().count())
                .isEqualTo(2.0);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void kafkaRecordFailingAgainAfterItsBatchWasReadAgainIsOneDeadLetter(Database database) {
        Herald herald = Herald.on(database.dataSource());
        String payload = "{\"fingerprint\":\"" + id("FP") + "\"}";
        long offset = IDS.incrementAndGet();

        Exchange first = failedRecord(payload, offset, 1_732_900_000_000L);
        herald.deadLetters().record(first);
        // its batch failed for another reason after the dead letter was written, and was read again
        Exchange again = failedRecord(payload, offset, 1_732_900_000_000L);
        herald.deadLetters().record(again);
        // the same offset of the topic created again is another record
        Exchange recreated = failedRecord(payload, offset, 1_732_999_000_000L);
        herald.deadLetters().record(recreated);

        assertThat(herald.count("SELECT COUNT(*) FROM dead_letter WHERE payload = ?", payload)).isEqualTo(2);
        assertThat(first.getProperty(Names.Property.DEAD_LETTER_REPEATED)).isNull();
        assertThat(again.getProperty(Names.Property.DEAD_LETTER_REPEATED)).isEqualTo(true);
        assertThat(recreated.getProperty(Names.Property.DEAD_LETTER_REPEATED)).isNull();

        // a message that did not come from Kafka (an HTTP intake's, a timer's) is kept each time it fails
        String unkeyed = "{\"fingerprint\":\"" + id("FP") + "\"}";
        for (int i = 0; i < 2; i++) {
            Exchange exchange = new DefaultExchange(camel);
            exchange.setProperty(Exchange.EXCEPTION_CAUGHT, new IllegalStateException("no rule"));
            exchange.setProperty(Exchange.FAILURE_ROUTE_ID, "events-decide");
            exchange.getMessage().setBody(unkeyed);
            herald.deadLetters().record(exchange);
        }
        assertThat(herald.count("SELECT COUNT(*) FROM dead_letter WHERE payload = ?", unkeyed)).isEqualTo(2);
    }

    private static Exchange failedRecord(String payload, long offset, long timestamp) {
        Exchange exchange = new DefaultExchange(camel);
        exchange.setProperty(Exchange.EXCEPTION_CAUGHT, new IllegalStateException("refused for good"));
        exchange.setProperty(Exchange.FAILURE_ROUTE_ID, "events-decide");
        exchange.getMessage().setHeader(KafkaConstants.TOPIC, "herald.events");
        exchange.getMessage().setHeader(KafkaConstants.PARTITION, 2);
        exchange.getMessage().setHeader(KafkaConstants.OFFSET, offset);
        exchange.getMessage().setHeader(KafkaConstants.TIMESTAMP, timestamp);
        exchange.getMessage().setBody(payload);
        return exchange;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void deadLetterIsStoredAndMarksItsNotificationFailed(Database database) {
        Herald herald = Herald.on(database.dataSource());
        String subject = "order:" + id("SO-DB");
        String notificationId = insertNotification(herald, subject, "order_confirmed", "email", null, null, NOW);
        Exchange exchange = new DefaultExchange(camel);
        exchange.setProperty(Exchange.EXCEPTION_CAUGHT, new IllegalStateException("relay refused"));
        exchange.setProperty(Exchange.FAILURE_ROUTE_ID, "email-send");
        exchange.getMessage().setBody("{\"notificationId\":\"" + notificationId + "\",\"channel\":\"email\"}");

        herald.deadLetters().record(exchange);

        assertThat(herald.row("SELECT stage, reason FROM dead_letter WHERE notification_id = ?", notificationId))
                .containsValues("email-send", "IllegalStateException: relay refused");
        Notification failed = herald.notifications().findById(notificationId).orElseThrow();
        assertThat(failed.state()).isEqualTo("FAILED");
        assertThat(failed.failureReason()).isEqualTo("IllegalStateException: relay refused");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void eventFingerprintsKeepsFingerprintsInTheMigratedTableAndRefusesADuplicate(Database database) {
        DataSource dataSource = database.dataSource();
        EventFingerprints repository = new EventFingerprints(dataSource,
                new TransactionTemplate(new DataSourceTransactionManager(dataSource)), "herald-events",
                new SqlFiles().get("state/insert-new-fingerprint"));
        repository.start();
        try {
            String fingerprint = UUID.randomUUID().toString();
            assertThat(repository.contains(fingerprint)).isFalse();
            assertThat(repository.add(fingerprint)).isTrue();
            assertThat(repository.add(fingerprint)).as("a duplicate is refused").isFalse();
            assertThat(repository.contains(fingerprint)).isTrue();
            assertThat(repository.confirm(fingerprint)).isTrue();
            assertThat(Herald.on(dataSource).count("SELECT COUNT(*) FROM camel_messageprocessed WHERE messageId = ? "
                    + "AND processorName = 'herald-events' AND createdAt IS NOT NULL", fingerprint)).isEqualTo(1);

            assertThat(repository.remove(fingerprint)).isTrue();
            assertThat(repository.add(fingerprint)).as("new again once a failed attempt removed it").isTrue();
            assertThat(new EventFingerprints(dataSource, new TransactionTemplate(
                    new DataSourceTransactionManager(dataSource)), "another-processor",
                    new SqlFiles().get("state/insert-new-fingerprint")).add(fingerprint))
                    .as("each processor has its own fingerprints").isTrue();
        } finally {
            repository.stop();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void batchReadAheadGivesEachEventWhatItWouldHaveReadOnItsFirstTryOnly(Database database) throws Exception {
        Herald herald = Herald.on(database.dataSource());
        String orderId = id("SO-BR");
        String tracking = id("1ZBR");
        herald.apply(shipmentEvent(tracking, ShipmentStatus.IN_TRANSIT, NOW.minusMinutes(60), orderId));
        CanonicalEvent applied = shipmentEvent(tracking, ShipmentStatus.OUT_FOR_DELIVERY, NOW.minusMinutes(30),
                orderId);
        Message appliedFirst = herald.apply(applied);
        CanonicalEvent delivered = shipmentEvent(tracking, ShipmentStatus.DELIVERED, NOW.minusMinutes(5), orderId);

        // the event applied before comes again (Kafka gave its batch again), with a new one, and a record that is
        // not an event at all
        Exchange batch = herald.batchOf(JSON.writeValueAsString(applied), "not an event",
                JSON.writeValueAsString(delivered));
        herald.batchReads().open(batch);

        // each record takes its event as the batch parsed it; the record that is not an event fails with the reason
        List<Exchange> records = KafkaBatches.recordsOf(batch);
        for (Exchange record : records) {
            record.setProperty(Names.Property.BATCH_READS, batch.getProperty(Names.Property.BATCH_READS));
        }
        assertThat(herald.batchReads().event(records.get(0))).isEqualTo(applied)
                .as("parsed once, when the batch opened").isSameAs(herald.batchReads().event(records.get(0)));
        assertThat(herald.batchReads().event(records.get(2))).isEqualTo(delivered);
        assertThatThrownBy(() -> herald.batchReads().event(records.get(1)))
                .isInstanceOf(com.fasterxml.jackson.core.JsonProcessingException.class);

        // the event takes what the batch read when it opened, not what the timeline says now (changed here only to
        // tell the two apart: no writer changes another event's transition)
        herald.jdbc().getJdbcTemplate().update("UPDATE timeline SET previous_status = 'RETURNED' WHERE fingerprint = ?",
                applied.fingerprint());
        Message again = herald.apply(applied, batch);
        for (String header : List.of(Names.Header.STATUS, Names.Header.PREVIOUS_STATUS, Names.Header.STATUS_CHANGED,
                Names.Header.CURRENT, Names.Header.SUBJECT_KEY)) {
            assertThat(again.getHeader(header)).as(header).isEqualTo(appliedFirst.getHeader(header));
        }
        Message first = herald.apply(delivered, batch);
        assertThat(first.getHeader(Names.Header.PREVIOUS_STATUS)).isEqualTo("OUT_FOR_DELIVERY");
        assertThat(first.getHeader(Names.Header.STATUS_CHANGED)).isEqualTo(true);

        // a retry of the same step, after its first try wrote: the batch's answer (not applied) is out of date now,
        // so the retry reads for itself and makes the same transition, not a "no change"
        Message retry = herald.apply(delivered, batch);
        assertThat(retry.getHeader(Names.Header.PREVIOUS_STATUS)).isEqualTo("OUT_FOR_DELIVERY");
        assertThat(retry.getHeader(Names.Header.STATUS_CHANGED)).isEqualTo(true);
        assertThat(herald.count("SELECT COUNT(*) FROM timeline WHERE subject_key = ?", "shipment:ups:" + tracking))
                .as("each event in the timeline once").isEqualTo(3);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void batchReadAheadFindsTheDecisionsItsEventsTriggeredOnTheirSubjects(Database database) throws Exception {
        Herald herald = Herald.on(database.dataSource());
        String tracking = id("1ZBD");
        String subjectKey = "shipment:ups:" + tracking;
        CanonicalEvent decided = shipmentEvent(tracking, ShipmentStatus.OUT_FOR_DELIVERY, NOW.minusMinutes(30), null);
        CanonicalEvent undecided = shipmentEvent(tracking, ShipmentStatus.DELIVERED, NOW.minusMinutes(5), null);
        String decisionId = UUID.randomUUID().toString();
        herald.jdbc().getJdbcTemplate().update("INSERT INTO decision (id, subject_key, type, trigger_fingerprint, "
                + "rule, critical, facts, event_occurred_at, state, created_at, updated_at) VALUES (?, ?, "
                + "'out_for_delivery', ?, 'rule-out-for-delivery', FALSE, '{}', ?, 'SENT', ?, ?)", decisionId,
                subjectKey, decided.fingerprint(), NOW, NOW, NOW);

        Exchange batch = herald.batchOf(JSON.writeValueAsString(decided), JSON.writeValueAsString(undecided));
        herald.batchReads().open(batch);

        BatchReads reads = BatchReads.firstRead(batch, BatchReads.Step.DECISION, decided.fingerprint(), subjectKey)
                .orElseThrow();
        assertThat(reads.decision(subjectKey, "out_for_delivery", decided.fingerprint())).contains(decisionId);
        assertThat(reads.decision(subjectKey, "delivered", undecided.fingerprint())).isEmpty();
        assertThat(BatchReads.firstRead(batch, BatchReads.Step.DECISION, decided.fingerprint(), subjectKey))
                .as("a retry reads for itself").isEmpty();
        assertThat(BatchReads.firstRead(batch, BatchReads.Step.DECISION, undecided.fingerprint(), "order:other"))
                .as("a subject the batch did not read ahead for").isEmpty();
        assertThat(BatchReads.firstRead(batch, BatchReads.Step.STATE, UUID.randomUUID().toString(), null))
                .as("an event the batch did not read ahead for").isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void carrierPollingTakesDueActiveShipmentsOnceAndRecordsWhenEachIsDueNext(Database database) {
        Herald herald = Herald.on(database.dataSource());
        String active = id("9400DB");
        String outForDelivery = id("9400DB");
        insertUspsShipment(herald, active, "IN_TRANSIT", NOW.minusHours(2));
        insertUspsShipment(herald, outForDelivery, "OUT_FOR_DELIVERY", NOW.minusMinutes(30));
        insertUspsShipment(herald, id("9400DB"), "DELIVERED", NOW.minusMinutes(10));
        insertUspsShipment(herald, id("9400DB"), "RETURNED", NOW.minusMinutes(10));
        insertUspsShipment(herald, id("9400DB"), "IN_TRANSIT", NOW.minusDays(40));   // older than max-age
        PollingProperties properties = new PollingProperties(60_000, 0, 100, Duration.ofMinutes(5),
                Duration.ofDays(30), new PollingProperties.Schedule(Duration.ofMinutes(15), Duration.ofMinutes(45),
                Duration.ofHours(36), Duration.ofHours(3), Duration.ofHours(6), Duration.ofHours(12),
                Duration.ofMinutes(5), Duration.ofHours(6)), new PollingProperties.Retry(0, 0, 0),
                Map.of("usps", new PollingProperties.Carrier(true, false, java.net.URI.create("http://127.0.0.1"),
                        null, "id", "secret", null)));
        CarrierPolls now = polls(herald, properties, NOW);

        List<PollTarget> due = now.due();
        assertThat(due).extracting(PollTarget::trackingNumber).containsExactlyInAnyOrder(active, outForDelivery);
        assertThat(now.due()).as("taken shipments are not taken again within the lease").isEmpty();

        PollTarget first = due.stream().filter(t -> t.trackingNumber().equals(active)).findFirst().orElseThrow();
        PollTarget second = due.stream().filter(t -> t.trackingNumber().equals(outForDelivery)).findFirst()
                .orElseThrow();
        now.polled(pollExchange(first, null));
        now.failed(pollExchange(second, new org.apache.camel.http.base.HttpOperationFailedException(
                "http://127.0.0.1/tracking", 503, "Service Unavailable", null, Map.of(), "")));

        Map<String, Object> polled = herald.row("SELECT last_outcome, consecutive_failures, next_poll_at "
                + "FROM tracking_poll WHERE tracking_number = ?", active);
        assertThat(polled.get("last_outcome")).isEqualTo("OK");
        assertThat(((Number) polled.get("consecutive_failures")).intValue()).isZero();
        Map<String, Object> failed = herald.row("SELECT last_outcome, consecutive_failures, last_error "
                + "FROM tracking_poll WHERE tracking_number = ?", outForDelivery);
        assertThat(failed).containsValues("FAILED", "HTTP 503");
        assertThat(((Number) failed.get("consecutive_failures")).intValue()).isEqualTo(1);

        assertThat(polls(herald, properties, NOW.plusMinutes(6)).due()).extracting(PollTarget::trackingNumber)
                .as("after 5 min of backoff the failed one is due again").containsExactly(outForDelivery);
        List<PollTarget> later = polls(herald, properties, NOW.plusHours(4)).due();
        assertThat(later).as("after 3 h the one in transit too").extracting(PollTarget::trackingNumber)
                .containsExactlyInAnyOrder(active, outForDelivery);
        assertThat(later).filteredOn(t -> t.trackingNumber().equals(outForDelivery)).singleElement()
                .extracting(PollTarget::consecutiveFailures).isEqualTo(1);
    }

    private static CarrierPolls polls(Herald herald, PollingProperties properties, OffsetDateTime at) {
        HeraldMetrics metrics = new HeraldMetrics(herald.meters());
        return new CarrierPolls(herald.jdbc(), herald.sql(), properties, metrics,
                new SourceHealth(metrics, herald.meters(), 0.5, 10), java.time.Clock.fixed(at.toInstant(), ZoneOffset.UTC));
    }

    private static Exchange pollExchange(PollTarget target, Exception failure) {
        Exchange exchange = new DefaultExchange(camel);
        exchange.setProperty(CarrierRequests.TARGET, target);
        exchange.setProperty(Exchange.EXCEPTION_CAUGHT, failure);
        return exchange;
    }

    private static void insertUspsShipment(Herald herald, String tracking, String status, OffsetDateTime lastEvent) {
        herald.jdbc().update(herald.sql().get("state/insert-shipment"), new MapSqlParameterSource()
                .addValue("carrier", "usps")
                .addValue("trackingNumber", tracking)
                .addValue("status", status)
                .addValue("exceptionReason", null)
                .addValue("statusText", null)
                .addValue("location", null)
                .addValue("estimatedDelivery", null)
                .addValue("orderId", null)
                .addValue("destinationZone", null)
                .addValue("occurredAt", lastEvent)
                .addValue("now", NOW));
    }

    private static JsonNode recordRejection(Herald herald, String source, byte[] payload) throws Exception {
        Exchange exchange = new DefaultExchange(camel);
        exchange.setProperty(Exchange.EXCEPTION_CAUGHT,
                new IntakeRejectedException(RejectReason.UNPARSEABLE, "The payload is not JSON"));
        exchange.getMessage().setHeader(Names.Header.SOURCE, source);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/x-www-form-urlencoded");
        exchange.getMessage().setBody(payload);
        herald.intakeFailures().record(exchange);
        return new ObjectMapper().readTree(exchange.getMessage().getBody(String.class));
    }

    /** Inserts a DECIDED notification with the SQL that the planner uses, and returns its id. */
    private static String insertNotification(Herald herald, String subjectKey, String type, String channel,
                                             String orderId, String trackingNumber, OffsetDateTime now) {
        return insertNotification(herald, UUID.randomUUID().toString(), subjectKey, type, channel, orderId,
                trackingNumber, now);
    }

    private static String insertNotification(Herald herald, String decisionId, String subjectKey, String type,
                                             String channel, String orderId, String trackingNumber,
                                             OffsetDateTime now) {
        String id = UUID.randomUUID().toString();
        herald.jdbc().update(herald.sql().get("notify/insert-notification"), new MapSqlParameterSource()
                .addValue("id", id)
                .addValue("decisionId", decisionId)
                .addValue("segments", "sms".equals(channel) ? 1 : null)
                .addValue("optOutNotice", "sms".equals(channel))
                .addValue("subjectKey", subjectKey)
                .addValue("type", type)
                .addValue("channel", channel)
                .addValue("orderId", orderId)
                .addValue("carrier", trackingNumber == null ? null : "ups")
                .addValue("trackingNumber", trackingNumber)
                .addValue("customerId", null)
                .addValue("locale", "en")
                .addValue("recipient", "sms".equals(channel) ? "+4915112340001" : "ada@example.com")
                .addValue("recipientZone", "Europe/Berlin")
                .addValue("subject", "email".equals(channel) ? "Subject of " + type : null)
                .addValue("bodyText", "Body of " + type)
                .addValue("bodyHtml", "email".equals(channel) ? "<p>" + type + "</p>" : null)
                .addValue("eventOccurredAt", now.minusMinutes(1))
                .addValue("now", now));
        return id;
    }

    static final QuietHours QUIET_HOURS = new QuietHours(java.time.LocalTime.of(21, 0), java.time.LocalTime.of(8, 0),
            java.util.Set.of("sms"), QuietHours.Critical.DEFER, java.time.ZoneId.of("America/New_York"));

    private static CanonicalEvent orderEvent(String orderId, String customerId, OrderStatus status,
                                             OffsetDateTime occurredAt, BigDecimal total) {
        Customer customer = new Customer(customerId, "Ada Lovelace", customerId + "@example.com", "+4915112340001",
                "en", "Europe/Berlin", ChannelPreference.BOTH);
        Order order = new Order(orderId, status, null, total, total == null ? null : "EUR",
                total == null ? null : List.of(new Order.OrderItem("MUG-1", "Enamel mug", 2)));
        return new CanonicalEvent(EventType.ORDER, "oms", occurredAt, UUID.randomUUID().toString(), null, order,
                customer);
    }

    private static CanonicalEvent shipmentEvent(String tracking, ShipmentStatus status, OffsetDateTime occurredAt,
                                                String orderId) {
        Shipment shipment = new Shipment(tracking, "ups", status, null, NOW.plusDays(1), "Leipzig, DE",
                "Scan " + status, orderId, null);
        return new CanonicalEvent(EventType.SHIPMENT, "wms", occurredAt, UUID.randomUUID().toString(), shipment,
                null, null);
    }

    private static String id(String prefix) {
        return prefix + "-" + IDS.incrementAndGet() + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
