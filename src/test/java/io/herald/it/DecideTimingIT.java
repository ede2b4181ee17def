package io.herald.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.herald.it.DecidePayloads.minutesAgo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.WireMock;
import io.herald.MovableClock;
import io.herald.channel.SenderRates;
import io.herald.channel.SmsMessages;
import io.herald.config.HeraldProperties;
import io.herald.decide.NotificationDecisions;
import io.herald.it.DecidePayloads.Scan;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.TestPropertySource;

/**
 * The policies that wait, on real Kafka, GreenMail and WireMock for Twilio, on a clock the test moves: the hold window
 * and supersede, quiet hours in the recipient's zone, and stalled shipments. Its own Spring context (a hold of ten
 * minutes and quiet hours for SMS), so the other integration tests are not held; it has its own database and inbox,
 * reads no legacy table, and is closed after the class.
 */
@TestPropertySource(properties = {
        "herald.notifications.hold=10m",
        "herald.quiet-hours.channels=sms",
        "herald.quiet-hours.start=21:00",
        "herald.quiet-hours.end=08:00",
        "herald.notifications.republish-batch=2",
        // a bucket of two turns (the other ITs' 100 hides a turn taken): a held SMS must take none
        "herald.channels.sms.rates.long-code=2",
        "herald.rules.stalled.period=300",
        "herald.rules.stalled.delay=300",
        // a database of its own: the shared context's timers, on the real clock, must not release this context's
        // decisions, nor this one's (on a moved clock) take the shared context's
        "spring.datasource.url=jdbc:h2:mem:herald-it-timing;DB_CLOSE_DELAY=-1"})
@OwnContext
@Import(DecideTimingIT.Clocks.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DecideTimingIT extends HeraldIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final ZoneId LOS_ANGELES = ZoneId.of("America/Los_Angeles");
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    /** The next 13:00 UTC: afternoon in Berlin, early morning (quiet) in Los Angeles; events of the test are before it. */
    @TestConfiguration
    static class Clocks {

        @Bean
        @Primary
        MovableClock movableClock() {
            Instant now = Instant.now();
            Instant onePm = now.truncatedTo(ChronoUnit.DAYS).plus(Duration.ofHours(13));
            return new MovableClock(onePm.isAfter(now) ? onePm : onePm.plus(Duration.ofDays(1)));
        }
    }

    @Autowired
    private MovableClock clock;

    @Autowired
    private NotificationDecisions decisions;

    @Autowired
    private SenderRates senderRates;

    @Autowired
    private HeraldProperties properties;

    private final ObjectMapper json = new ObjectMapper();

    @BeforeEach
    void twilioAcceptsMessages() {
        TWILIO.stubFor(WireMock.post(urlEqualTo(MESSAGES_PATH)).atPriority(10).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json")
                .withBody(NotificationJourneyIT.twilioMessage("SM" + "b".repeat(32)))));
    }




    private void order(String orderId, String email, String phone, String zone, String notify) {
        assertThat(post("/api/v1/intake/oms", DecidePayloads.omsOrder(orderId, email, phone, zone, notify))
                .statusCode()).isEqualTo(202);
    }

    private void easypost(String trackingNumber, Scan scan) {
        assertThat(post("/api/v1/intake/easypost", DecidePayloads.easypost(trackingNumber, null, List.of(scan)))
                .statusCode()).isEqualTo(202);
    }

    @Test
    @Order(0)
    void shipmentThatOvertakesItsOrderIsStillHeldOnceItsCustomerIsKnown() {
        String orderId = "SO-LATE-" + SEQUENCE.incrementAndGet();
        String email = "late." + orderId.toLowerCase() + "@example.com";
        String trackingNumber = trackingNumber("LATE");
        publishWms(trackingNumber, SamplePayloads.wmsShipped(orderId, trackingNumber, 300));
        await().atMost(WAIT).until(() -> decisionsOf(trackingNumber).stream()
                .anyMatch(d -> "AWAITING_CUSTOMER".equals(d.get("STATE"))));
        order(orderId, email, "+4915112342222", "Europe/Berlin", "email");
        await().atMost(WAIT).until(() -> decisionsOf(trackingNumber).stream()
                .noneMatch(d -> "AWAITING_CUSTOMER".equals(d.get("STATE"))));
        assertThat(decisionsOf(trackingNumber)).extracting(d -> d.get("STATE"))
                .as("the customer arrived inside the hold window opened by the shipped news").containsExactly("HELD");

        easypost(trackingNumber, Scan.of("delivered", "arrived_at_destination", "Delivered", minutesAgo(5)));
        await().atMost(WAIT).until(() -> decisionsOf(trackingNumber).size() == 2);
        assertThat(decisionsOf(trackingNumber)).extracting(d -> d.get("TYPE"), d -> d.get("STATE")).containsExactly(
                org.assertj.core.groups.Tuple.tuple("shipped", "SUPERSEDED"),
                org.assertj.core.groups.Tuple.tuple("delivered", "HELD"));
        assertThat(mailsTo(email)).as("nothing optional goes out inside the hold").isEmpty();

        clock.advance(Duration.ofMinutes(10));

        await().atMost(WAIT).until(() -> subjectsTo(email).size() == 2);
        assertThat(subjectsTo(email)).containsExactlyInAnyOrder("Your order " + orderId + " is confirmed",
                "Your order " + orderId + " was delivered");
    }

    @Test
    @Order(1)
    void outForDeliveryThenDeliveredWithinHoldSendsOnlyDelivered() throws Exception {
        String orderId = "SO-HOLD-" + SEQUENCE.incrementAndGet();
        String email = "hold." + orderId.toLowerCase() + "@example.com";
        String trackingNumber = trackingNumber("HOLD");
        order(orderId, email, "+4915112341111", "Europe/Berlin", "email");
        // the WMS topic and the carrier webhook are two ways in: the scans wait for the shipment the WMS links to the
        // order, or a scan taken first finds no customer and the shipped event after it is no news
        publishWms(trackingNumber, SamplePayloads.wmsShipped(orderId, trackingNumber, 300));
        await().atMost(WAIT).until(() -> decisionsOf(trackingNumber).size() == 1);
        easypost(trackingNumber, Scan.of("out_for_delivery", "out_for_delivery", "Out for delivery", minutesAgo(40)));
        easypost(trackingNumber, Scan.of("delivered", "arrived_at_destination", "Delivered", minutesAgo(5)));
        await().atMost(WAIT).until(() -> decisionsOf(trackingNumber).size() == 3);

        assertThat(decisionsOf(trackingNumber)).extracting(d -> d.get("TYPE"), d -> d.get("STATE")).containsExactly(
                org.assertj.core.groups.Tuple.tuple("shipped", "SUPERSEDED"),
                org.assertj.core.groups.Tuple.tuple("out_for_delivery", "SUPERSEDED"),
                org.assertj.core.groups.Tuple.tuple("delivered", "HELD"));
        assertThat(mailsTo(email)).as("nothing optional goes out inside the hold").isEmpty();

        clock.advance(Duration.ofMinutes(10));

        await().atMost(WAIT).until(() -> subjectsTo(email).size() == 2);
        assertThat(subjectsTo(email)).containsExactlyInAnyOrder("Your order " + orderId + " is confirmed",
                "Your order " + orderId + " was delivered");
        // the mail server has the message before the attempt's SENT is committed: wait for the commit
        JsonNode trace = await().atMost(WAIT).until(() -> json.readTree(get("/api/v1/shipments/ups/" + trackingNumber)
                .body()), t -> t.path("decisions").path(2).path("attempts").findValuesAsText("state").contains("SENT"));
        JsonNode outForDelivery = trace.get("decisions").get(1);
        assertThat(outForDelivery.get("type").asText()).isEqualTo("out_for_delivery");
        assertThat(outForDelivery.get("state").asText()).isEqualTo("SUPERSEDED");
        assertThat(outForDelivery.get("reason").asText()).isEqualTo("superseded by delivered (DELIVERED)");
        assertThat(outForDelivery.get("rule").asText()).isEqualTo("rule-out-for-delivery");
        assertThat(outForDelivery.get("attempts")).isEmpty();
        assertThat(trace.get("decisions").get(2).get("attempts").findValuesAsText("state")).containsOnly("SENT");
    }

    @Test
    @Order(2)
    void nightTimeSmsDeferredToMorningAndSupersededIfNewer() throws Exception {
        LocalTime local = clock.instant().atZone(LOS_ANGELES).toLocalTime();
        assertThat(local).as("the test starts at night in Los Angeles")
                .matches(t -> t.isAfter(LocalTime.of(21, 0)) || t.isBefore(LocalTime.of(7, 0)));
        String overtaken = trackingNumber("NIGHTA");
        String waiting = trackingNumber("NIGHTB");
        String phoneA = "+13105550" + String.format("%03d", SEQUENCE.incrementAndGet());
        String phoneB = "+13105550" + String.format("%03d", SEQUENCE.incrementAndGet());
        String emailA = "night.a" + SEQUENCE.incrementAndGet() + "@example.com";
        String orderA = "SO-NIGHT-A-" + SEQUENCE.incrementAndGet();
        String orderB = "SO-NIGHT-B-" + SEQUENCE.incrementAndGet();
        order(orderA, emailA, phoneA, "America/Los_Angeles", "both");
        order(orderB, "night.b" + SEQUENCE.incrementAndGet() + "@example.com", phoneB, "America/Los_Angeles", "sms");
        publishWms(overtaken, SamplePayloads.wmsShipped(orderA, overtaken, 300));
        publishWms(waiting, SamplePayloads.wmsShipped(orderB, waiting, 300));
        await().atMost(WAIT).until(() -> decisionsOf(overtaken).size() == 1 && decisionsOf(waiting).size() == 1);
        easypost(overtaken, Scan.of("in_transit", "weather_delay", "Storm", minutesAgo(30)));
        easypost(waiting, Scan.of("in_transit", "weather_delay", "Storm", minutesAgo(30)));
        await().atMost(WAIT).until(() -> decisionsOf(overtaken).size() == 2 && decisionsOf(waiting).size() == 2);

        // the critical delay goes by email at once; its SMS waits for the morning in the customer's zone
        await().atMost(WAIT).until(() -> subjectsTo(emailA).stream().anyMatch(s -> s.contains("delayed")
                || s.contains("Delay") || s.contains("delay")));
        assertThat(decisionsOf(overtaken)).filteredOn(d -> "delayed".equals(d.get("TYPE"))).singleElement()
                .satisfies(d -> {
                    assertThat(d.get("STATE")).isEqualTo("DEFERRED");
                    assertThat((String) d.get("REASON")).contains("sms deferred", "08:00", "America/Los_Angeles");
                });
        assertThat(NotificationJourneyIT.smsTo(phoneA)).isEmpty();
        assertThat(NotificationJourneyIT.smsTo(phoneB)).isEmpty();

        // before morning, shipment A is delivered: its deferred delay is no longer news
        var delivered = decidedFor(overtaken, 1);
        easypost(overtaken, Scan.of("delivered", "arrived_at_destination", "Delivered", minutesAgo(2)));
        assertThat(delivered.matches(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        Instant morning = clock.instant().atZone(LOS_ANGELES).with(LocalTime.of(8, 0)).toInstant();
        clock.advance(Duration.between(clock.instant(), morning.isAfter(clock.instant()) ? morning
                : morning.plus(Duration.ofDays(1))));

        await().atMost(WAIT).until(() -> NotificationJourneyIT.smsTo(phoneB).stream()
                .anyMatch(m -> m.get("Body").contains(waiting)));
        // its email told the customer at night: the decision stays DECIDED, noting why its SMS was not sent
        await().atMost(WAIT).until(() -> decisionsOf(overtaken).stream().anyMatch(d -> "delayed".equals(d.get("TYPE"))
                && "DECIDED".equals(d.get("STATE"))));
        assertThat(decisionsOf(overtaken)).filteredOn(d -> "delayed".equals(d.get("TYPE"))).singleElement()
                .satisfies(d -> assertThat((String) d.get("REASON")).contains("sms not sent: out of date",
                        "DELIVERED"));
        assertThat(NotificationJourneyIT.smsTo(phoneA)).noneMatch(m -> m.get("Body").toLowerCase().contains("storm")
                || m.get("Body").toLowerCase().contains("weather"));
    }

    @Test
    @Order(3)
    void stalledShipmentNotifiedOnceAndEndedByANewScan() throws Exception {
        String orderId = "SO-STALL-" + SEQUENCE.incrementAndGet();
        String email = "stall." + orderId.toLowerCase() + "@example.com";
        String trackingNumber = trackingNumber("STALL");
        order(orderId, email, "+4915112342222", "Europe/Berlin", "email");
        var shipped = decidedFor(trackingNumber, 1);
        publishWms(trackingNumber, SamplePayloads.wmsShipped(orderId, trackingNumber, 60));
        assertThat(shipped.matches(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();

        clock.advance(Duration.ofHours(73));
        await().atMost(WAIT).until(() -> decisionsOf(trackingNumber).stream()
                .anyMatch(d -> "stalled".equals(d.get("TYPE"))));
        clock.advance(Duration.ofMinutes(10));
        await().atMost(WAIT).until(() -> subjectsTo(email).size() == 3);
        var scanned = decidedFor(trackingNumber, 1);
        // dated by Herald's clock, 73 hours on: a scan dated by the wall clock would be 73 hours old, stalled again
        easypost(trackingNumber, Scan.of("in_transit", "arrived_at_facility", "Arrived",
                clock.instant().minus(Duration.ofMinutes(1)).atOffset(java.time.ZoneOffset.UTC)
                        .truncatedTo(java.time.temporal.ChronoUnit.MINUTES)));
        assertThat(scanned.matches(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();

        assertThat(decisionsOf(trackingNumber)).extracting(d -> d.get("TYPE")).containsExactly("shipped", "stalled");
        assertThat(subjectsTo(email)).hasSize(3);
    }

    @Test
    @Order(4)
    void smsThatReachesItsChannelInsideQuietHoursWaitsForTheMorning() throws Exception {
        // 20:45 in Los Angeles: three delays are decided outside quiet hours, and their SMS go to a channel that lags
        clock.advance(Duration.between(clock.instant(), next(LocalTime.of(20, 45), LOS_ANGELES)));
        List<String> trackingNumbers = new java.util.ArrayList<>();
        List<String> phones = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String phone = "+13105550" + String.format("%03d", SEQUENCE.incrementAndGet());
            trackingNumbers.add(shippedToSmsCustomer("LAG" + i, phone, "America/Los_Angeles"));
            phones.add(phone);
        }
        camel.getRouteController().stopRoute("sms-notifications-consume");
        try {
            for (String trackingNumber : trackingNumbers) {
                easypost(trackingNumber, Scan.of("in_transit", "weather_delay", "Storm", clock.instant()
                        .minus(Duration.ofMinutes(5)).atOffset(ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES)));
            }
            await().atMost(WAIT).until(() -> trackingNumbers.stream().allMatch(t -> delayedSms(t) != null));
            assertThat(delayedSms(trackingNumbers.get(0)).get("STATE")).as("decided at 20:45").isEqualTo("DECIDED");
            clock.advance(Duration.ofMinutes(20));
        } finally {
            camel.getRouteController().startRoute("sms-notifications-consume");
        }

        // 21:05: the channel takes them inside the quiet hours, and holds them for the morning in the customer's zone
        await().atMost(WAIT).until(() -> trackingNumbers.stream().allMatch(t -> delayedSms(t).get("NOT_BEFORE")
                != null || "SENT".equals(delayedSms(t).get("STATE"))));
        for (String trackingNumber : trackingNumbers) {
            Map<String, Object> held = delayedSms(trackingNumber);
            assertThat(held.get("STATE")).as("not sent at 21:05").isEqualTo("DECIDED");
            assertThat((String) held.get("FAILURE_REASON")).contains("quiet hours", "T08:00:00 America/Los_Angeles");
        }
        assertThat(phones).allSatisfy(phone -> assertThat(NotificationJourneyIT.smsTo(phone)).isEmpty());
        // nor did they take turns at their sender's rate (a long code's 1 segment a second): the next SMS goes at once
        Exchange next = new DefaultExchange(camel);
        next.getMessage().setHeader(SmsMessages.FROM, properties.notifications().smsFrom());
        next.getMessage().setHeader(SmsMessages.BODY, "The next SMS");
        assertThat(senderRates.delayOf(next)).as("ms the next SMS waits").isZero();

        Instant morning = next(LocalTime.of(8, 0), LOS_ANGELES);
        clock.advance(Duration.between(clock.instant(), morning).minusMinutes(1));
        camel.createProducerTemplate().sendBody("direct:notifications-republish-sweep", null);
        assertThat(heldSince(trackingNumbers, morning)).as("07:59").isEqualTo(3);
        clock.advance(Duration.ofMinutes(2));
        // one sweep, in batches of two here (herald.notifications.republish-batch): all three, one batch after another
        camel.createProducerTemplate().sendBody("direct:notifications-republish-sweep", null);
        assertThat(heldSince(trackingNumbers, morning)).as("taken by one sweep").isZero();
        await().atMost(WAIT).until(() -> trackingNumbers.stream().allMatch(t -> "SENT".equals(delayedSms(t)
                .get("STATE"))));
        assertThat(phones).allSatisfy(phone -> assertThat(NotificationJourneyIT.smsTo(phone))
                .filteredOn(m -> m.get("Body").contains("is delayed")).as("sent once, in the morning").hasSize(1));
    }

    @Test
    @Order(5)
    void smsWhoseNewsWentOutOfDateWhileItWaitedInItsTopicIsNotSent() throws Exception {
        String phone = "+49151124" + String.format("%05d", SEQUENCE.incrementAndGet());
        String trackingNumber = shippedToSmsCustomer("LATE", phone, "Europe/Berlin");
        camel.getRouteController().stopRoute("sms-notifications-consume");
        try {
            // a delay, sent at once as a critical alert, but its channel lags behind a spike
            easypost(trackingNumber, Scan.of("in_transit", "weather_delay", "Storm", clock.instant()
                    .minus(Duration.ofMinutes(5)).atOffset(ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES)));
            await().atMost(WAIT).until(() -> delayedSms(trackingNumber) != null);
            // meanwhile the parcel is out for delivery
            var outForDelivery = decidedFor(trackingNumber, 1);
            easypost(trackingNumber, Scan.of("out_for_delivery", "out_for_delivery", "Out for delivery", clock
                    .instant().minus(Duration.ofMinutes(2)).atOffset(ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES)));
            assertThat(outForDelivery.matches(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
            assertThat(delayedSms(trackingNumber).get("STATE")).isEqualTo("DECIDED");
            clock.advance(Duration.ofMinutes(2));
        } finally {
            camel.getRouteController().startRoute("sms-notifications-consume");
        }

        await().atMost(WAIT).until(() -> "SUPERSEDED".equals(delayedSms(trackingNumber).get("STATE")));
        assertThat((String) delayedSms(trackingNumber).get("FAILURE_REASON"))
                .isEqualTo("out of date: the shipment is now OUT_FOR_DELIVERY");
        assertThat(NotificationJourneyIT.smsTo(phone)).as("the delay is no longer true").isEmpty();
        assertThat(jdbc.queryForObject("SELECT state FROM decision WHERE tracking_number = ? AND type = 'delayed'",
                String.class, trackingNumber)).as("its one attempt was not sent").isEqualTo("SUPERSEDED");
    }

    /** The tracking number of a new order's shipment, its shipped decision taken; its customer is told by SMS. */
    private String shippedToSmsCustomer(String name, String phone, String zone) throws Exception {
        String trackingNumber = trackingNumber(name);
        String orderId = "SO-" + name + "-" + SEQUENCE.incrementAndGet();
        order(orderId, name.toLowerCase() + SEQUENCE.incrementAndGet() + "@example.com", phone, zone, "sms");
        var shipped = decidedFor(trackingNumber, 1);
        publishWms(trackingNumber, SamplePayloads.wmsShipped(orderId, trackingNumber, 60));
        assertThat(shipped.matches(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        return trackingNumber;
    }

    /** The next time it is {@code time} in {@code zone}, by Herald's clock. */
    private Instant next(LocalTime time, ZoneId zone) {
        Instant at = clock.instant().atZone(zone).with(time).toInstant();
        return at.isAfter(clock.instant()) ? at : at.atZone(zone).plusDays(1).with(time).toInstant();
    }

    /** How many of the shipments' delay SMS are DECIDED and untouched since before {@code instant}. */
    private int heldSince(List<String> trackingNumbers, Instant instant) {
        return trackingNumbers.stream().mapToInt(t -> jdbc.queryForObject("SELECT COUNT(*) FROM notification "
                + "WHERE tracking_number = ? AND type = 'delayed' AND channel = 'sms' AND state = 'DECIDED' "
                + "AND updated_at < ?", Integer.class, t, java.sql.Timestamp.from(instant))).sum();
    }

    /** The SMS attempt of the shipment's delay, or null while there is none. */
    private Map<String, Object> delayedSms(String trackingNumber) {
        return jdbc.queryForList("SELECT state, not_before, failure_reason, updated_at FROM notification "
                + "WHERE tracking_number = ? "
                + "AND type = 'delayed' AND channel = 'sms'", trackingNumber).stream().findFirst().orElse(null);
    }
}
