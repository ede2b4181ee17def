package io.herald.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.herald.MovableClock;
import io.herald.db.BothDatabases;
import io.herald.decide.QuietHours;
import io.herald.notify.HandOffCurrency;
import io.herald.notify.Notification;
import io.herald.notify.LoggedAttempts;
import io.herald.notify.NotificationLog;
import io.herald.notify.OutboundMessage;
import io.herald.ops.ChannelHealth;
import io.herald.ops.HeraldMetrics;
import io.herald.ops.SourceHealth;
import io.herald.support.GroupCommits;
import io.herald.support.Names;
import io.herald.support.SqlFiles;
import io.herald.support.TimeOrderedIds;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.InternetAddress;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.util.MailConnectException;
import org.eclipse.angus.mail.util.SocketConnectException;
import org.h2.jdbcx.JdbcDataSource;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * What a failed hand-off leaves behind, on Herald's H2 schema: without an answer, per channel; with a recipient the
 * relay deferred; failing alone while the channel delivers others. And a hand-off that comes inside the recipient's
 * quiet hours.
 */
class DeliveriesTest {

    private final BothDatabases.Database h2 = h2();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final ChannelHealth channels = new ChannelHealth(2, Clock.systemUTC());
    private final NotificationLog log = new NotificationLog(h2.jdbc(), new SqlFiles(),
            new HeraldMetrics(new SimpleMeterRegistry()), Clock.systemUTC());
    private final Deliveries deliveries = deliveries(log, QUIET_SMS, Clock.systemUTC());

    /** The default quiet hours: SMS, 21:00 to 08:00 in the recipient's zone; critical alerts wait too. */
    private static final QuietHours QUIET_SMS = new QuietHours(LocalTime.of(21, 0), LocalTime.of(8, 0), Set.of("sms"),
            QuietHours.Critical.DEFER, ZoneId.of("America/New_York"));

    /** The next 04:00 UTC: 23:00 (or midnight in summer) in New York, 13:00 in Tokyo. */
    private final MovableClock night = new MovableClock(Instant.now().truncatedTo(ChronoUnit.DAYS)
            .plus(Duration.ofDays(1)).plus(Duration.ofHours(4)));
    private final NotificationLog nightLog = new NotificationLog(h2.jdbc(), new SqlFiles(),
            new HeraldMetrics(meters), night);

    private Deliveries deliveries(NotificationLog log, QuietHours quietHours, Clock clock) {
        return deliveries(log, quietHours, id -> false, clock);
    }

    private Deliveries deliveries(NotificationLog log, QuietHours quietHours, HandOffCurrency currency, Clock clock) {
        return deliveries(log, quietHours, currency, clock, SoleDatabase.shared());
    }

    private Deliveries deliveries(NotificationLog log, QuietHours quietHours, HandOffCurrency currency, Clock clock,
                                  SoleDatabase database) {
        return new Deliveries(log, new GroupCommits(new DataSourceTransactionManager(h2.dataSource())),
                new DeliveryErrors(60_000, Clock.systemUTC()), new HeraldMetrics(meters), channels,
                Duration.ofSeconds(90), database, 2,
                3, 2, quietHours, currency, Duration.ofSeconds(10), clock);
    }

    @Test
    void pushWithoutAnAnswerIsRetriedSinceTheBackendKnowsAResendByItsId() {
        Exchange exchange = timedOutHandOff("push");

        assertThatThrownBy(() -> deliveries.failed(exchange)).isInstanceOf(SocketTimeoutException.class);
        assertThat(log.stateOf(outbound(exchange).notificationId())).contains("DECIDED");
    }

    @Test
    void smsWithoutAnAnswerIsLeftUnknownAndNotSentAgain() throws Exception {
        Exchange exchange = timedOutHandOff("sms");

        deliveries.failed(exchange);

        assertThat(log.stateOf(outbound(exchange).notificationId())).contains("UNKNOWN");
        assertThat(exchange.isRouteStop()).isTrue();
    }

    @Test
    void aRecipientTheRelayDefersGoesBackToDecidedWithoutARetryThatHoldsItsBatchUntilItsDeferralsRunOut()
            throws Exception {
        String id = decided("email");

        for (int deferral = 1; deferral <= 2; deferral++) {
            Exchange exchange = failedHandOff(id, rcptRefused(450, "450 4.2.1 <c-1@example.com>: mailbox busy"));
            deliveries.failed(exchange);
            assertThat(exchange.isRouteStop()).as("no retry in place: its batch goes on").isTrue();
            assertWaitsForTheSweep(id, deferral, "deferred", "450 4.2.1");
        }

        Exchange third = failedHandOff(id, rcptRefused(450, "450 4.2.1 <c-1@example.com>: mailbox busy"));
        assertThatThrownBy(() -> deliveries.failed(third)).isInstanceOf(DeferredTooOftenException.class)
                .hasMessageContaining("3 times").hasMessageContaining("450 4.2.1");
        assertThat(third.isRouteStop()).isFalse();
        assertThat(log.stateOf(id)).as("released; the dead letter marks it FAILED").contains("DECIDED");
        assertThat(deferrals(id)).isEqualTo(2);
    }

    @Test
    void aReplyEveryMessageWouldMeetIsRetriedInPlaceAndNotCountedAsADeferral() throws Exception {
        String id = decided("email");
        Exception closing = rcptRefused(421, "421 4.3.2 service shutting down");
        Exchange exchange = failedHandOff(id, closing);

        assertThatThrownBy(() -> deliveries.failed(exchange)).isSameAs(closing);
        assertThat(exchange.isRouteStop()).isFalse();
        assertThat(log.stateOf(id)).contains("DECIDED");
        assertThat(deferrals(id)).isZero();
    }

    @Test
    void aBatchClaimsItsDecidedAttemptsInOneGoAndEachHandOffTakesItsClaimOnce() {
        String first = decided("email");
        String second = decided("email");
        String sent = decided("email");
        log.claim(sent);
        log.markSent(sent, "email", "<" + sent + "@example.com>", 0);
        CamelContext camel = new DefaultCamelContext();
        Exchange batch = new DefaultExchange(camel);
        // as notifications-publish writes them: keyed by the attempt's id
        batch.getMessage().setBody(List.of(record(camel, first), record(camel, second), record(camel, sent),
                record(camel, null)));

        deliveries.claimBatch(batch);

        assertThat(log.stateOf(first)).contains("SENDING");
        assertThat(log.stateOf(second)).contains("SENDING");
        Exchange handOff = new DefaultExchange(camel);
        handOff.setProperty(Names.Property.BATCH_CLAIMS, batch.getProperty(Names.Property.BATCH_CLAIMS));
        handOff.setProperty(Names.Property.OUTBOUND, message(first, "email"));
        assertThat(deliveries.isPending(message(first, "email"), handOff)).as("its batch holds it").isTrue();
        assertThat(deliveries.claim(handOff)).isTrue();
        assertThat(deliveries.isPending(message(sent, "email"), handOff)).as("sent before, not claimed").isFalse();

        // a retry after a hand-off that failed for sure claims from the database again, as any hand-off does
        log.release(first);
        assertThat(deliveries.claim(handOff)).isTrue();
        assertThat(log.stateOf(first)).contains("SENDING");
        assertThatThrownBy(() -> deliveries.claim(handOff)).as("the batch's claim was taken once; SENDING is waited for")
                .isInstanceOf(HandOffInFlightException.class);
    }

    @Test
    void aMessageThatFailsAloneWhileItsChannelDeliversOthersIsSetAsideUntilItsSetAsidesRunOut() throws Exception {
        String alone = decided("push");
        for (int setAside = 1; setAside <= 2; setAside++) {
            Exchange handOff = handOffOfANewBatch(alone);
            failTwiceInPlace(handOff);
            deliverAnother("push");

            deliveries.failed(handOff);

            assertThat(handOff.isRouteStop()).as("set aside: its batch goes on").isTrue();
            assertWaitsForTheSweep(alone, setAside, "Failed alone", "500");
            assertThat(meters.counter("herald.notifications", "channel", "push", "state", "SET_ASIDE").count())
                    .isEqualTo(setAside);
        }

        Exchange third = handOffOfANewBatch(alone);
        failTwiceInPlace(third);
        deliverAnother("push");
        assertThatThrownBy(() -> deliveries.failed(third)).isInstanceOf(DeferredTooOftenException.class)
                .hasMessageContaining("set aside 3 times").hasMessageContaining("500");
        assertThat(log.stateOf(alone)).as("released; the dead letter marks it FAILED").contains("DECIDED");
    }

    @Test
    void aMessageFailingWhileItsChannelDeliversNothingIsRetriedInPlaceAsInAnOutage() throws Exception {
        deliverAnother("push"); // before its first failure: in its batch, say, before the backend went down
        deliverAnother("email"); // another channel
        String id = decided("push");
        Exchange handOff = handOffOfANewBatch(id);
        failTwiceInPlace(handOff);

        assertThatThrownBy(() -> deliveries.failed(handOff)).isInstanceOf(HttpOperationFailedException.class);
        assertThat(handOff.isRouteStop()).isFalse();
        assertThat(deferrals(id)).isZero();
    }

    @Test
    void aFailureOfTheProvidersOrOneItAskedToWaitAfterIsNotSetAside() throws Exception {
        for (HttpOperationFailedException failure : List.of(backendAnswered(500, Map.of("Retry-After", "5")),
                backendAnswered(503, Map.of()), backendAnswered(429, Map.of()), backendAnswered(400, Map.of()))) {
            String id = decided("push");
            Exchange handOff = handOffOfANewBatch(id);
            failTwiceInPlace(handOff);
            deliverAnother("push");
            handOff.setProperty(Exchange.EXCEPTION_CAUGHT, failure);

            assertThatThrownBy(() -> deliveries.failed(handOff)).isSameAs(failure);
            assertThat(handOff.isRouteStop()).isFalse();
            assertThat(deferrals(id)).isZero();
        }
    }

    /** A hand-off of the attempt in a batch that begins now, claimed. */
    @Test
    void theProvidersFailuresInARowMakeTheChannelDegradedUntilItHandsAMessageOverAndTheMessagesOwnDoNot()
            throws Exception {
        for (int i = 0; i < 3; i++) {
            Exchange refused = failedHandOff(decided("email"), rcptRefused(550, "550 5.1.1 <c-1@example.com>: no such "
                    + "user"));
            assertThatThrownBy(() -> deliveries.failed(refused)).isInstanceOf(SendFailedException.class);
        }
        assertThat(channels.health().getStatus()).as("three mailboxes that are not there: the relay works")
                .isEqualTo(Status.UP);

        Exchange outage = failedHandOff(decided("email"), new MailConnectException(
                new SocketConnectException("Connection refused", new java.net.ConnectException(), "relay", 25, 1000)));
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> deliveries.failed(outage)).isInstanceOf(MailConnectException.class);
            assertThat(deliveries.claim(outage)).isTrue();
        }

        Health degraded = channels.health();
        assertThat(degraded.getStatus()).isEqualTo(SourceHealth.DEGRADED);
        assertThat(degraded.getDetails()).extractingByKey("email").asInstanceOf(InstanceOfAssertFactories.MAP)
                .containsEntry("status", "DEGRADED").containsEntry("failuresSinceLastSent", 2)
                .hasEntrySatisfying("lastFailure", reason -> assertThat((String) reason)
                        .startsWith("ConnectException"));

        deliveries.sent(outage);

        assertThat(channels.health().getStatus()).isEqualTo(Status.UP);
        assertThat(channels.health().getDetails()).extractingByKey("email")
                .asInstanceOf(InstanceOfAssertFactories.MAP).containsEntry("failuresSinceLastSent", 0)
                .containsKeys("lastSentAt", "lastFailureAt");
    }

    private Exchange handOffOfANewBatch(String id) {
        CamelContext camel = new DefaultCamelContext();
        Exchange batch = new DefaultExchange(camel);
        batch.getMessage().setBody(List.of(record(camel, id)));
        deliveries.claimBatch(batch);
        Exchange handOff = new DefaultExchange(camel);
        handOff.getProperties().putAll(batch.getProperties());
        handOff.setProperty(Names.Property.OUTBOUND, message(id, "push"));
        assertThat(deliveries.claim(handOff)).isTrue();
        return handOff;
    }

    @Test
    void anSmsWhoseHandOffComesInsideTheRecipientsQuietHoursWaitsDecidedForTheirEnd() {
        Deliveries atNight = deliveries(nightLog, QUIET_SMS, night);
        String id = decided(nightLog, "sms", "America/New_York");

        assertThat(atNight.claim(handOff(id, "sms", "shipped", "America/New_York"))).isFalse();

        Instant morning = QUIET_SMS.endAfter(night.instant(), ZoneId.of("America/New_York"));
        assertThat(nightLog.findById(id)).hasValueSatisfying(n -> {
            assertThat(n.state()).isEqualTo("DECIDED");
            assertThat(n.failureReason()).contains("quiet hours").endsWith("T08:00:00 America/New_York");
        });
        assertThat(meters.get("herald.notifications").tag("channel", "sms").tag("state", "DEFERRED").counter()
                .count()).isEqualTo(1.0);
        night.advance(Duration.between(night.instant(), morning).minusSeconds(1));
        assertThat(nightLog.staleDecided(Duration.ofMinutes(2), 100)).as("held until the morning")
                .extracting(Notification::id).doesNotContain(id);
        night.advance(Duration.ofSeconds(1));
        assertThat(nightLog.staleDecided(Duration.ofMinutes(2), 100)).extracting(Notification::id).contains(id);
        assertThat(nightLog.takeStale(id, Duration.ofMinutes(2))).isTrue();

        assertThat(atNight.claim(handOff(id, "sms", "shipped", "America/New_York"))).as("the morning").isTrue();
        assertThat(nightLog.stateOf(id)).contains("SENDING");
    }

    @Test
    void aHandOffOutsideQuietHoursOrOnAnotherChannelOrOfAnAlertThatMaySendOrWithoutAZoneOrATakeoverGoesOn() {
        Deliveries atNight = deliveries(nightLog, QUIET_SMS, night);
        Deliveries criticalSends = deliveries(nightLog, new QuietHours(LocalTime.of(21, 0), LocalTime.of(8, 0),
                Set.of("sms"), QuietHours.Critical.SEND, ZoneId.of("America/New_York")), night);

        assertThat(atNight.claim(handOff(decided(nightLog, "sms", "Asia/Tokyo"), "sms", "shipped", "Asia/Tokyo")))
                .as("13:00 in Tokyo").isTrue();
        assertThat(atNight.claim(handOff(decided(nightLog, "email", "America/New_York"), "email", "shipped",
                "America/New_York"))).as("email is not a quiet channel here").isTrue();
        assertThat(atNight.claim(handOff(decided(nightLog, "sms", null), "sms", "shipped", null)))
                .as("a message published before it carried the zone").isTrue();
        assertThat(criticalSends.claim(handOff(decided(nightLog, "sms", "America/New_York"), "sms", "delayed",
                "America/New_York"))).as("herald.quiet-hours.critical=send").isTrue();
        String delayed = decided(nightLog, "sms", "America/New_York");
        assertThat(atNight.claim(handOff(delayed, "sms", "delayed", "America/New_York")))
                .as("herald.quiet-hours.critical=defer").isFalse();
        assertThat(nightLog.stateOf(delayed)).contains("DECIDED");

        // an instance stopped in the middle of this hand-off, which may have reached Twilio
        String cutOff = decided(nightLog, "sms", "America/New_York");
        assertThat(nightLog.claim(cutOff)).isTrue();
        night.advance(Duration.ofSeconds(91));
        Exchange takeover = handOff(cutOff, "sms", "shipped", "America/New_York");
        assertThat(atNight.claim(takeover)).as("a takeover is looked up now, not after the night").isTrue();
        assertThat(takeover.getProperty(Names.Property.RESUMED_SINCE)).isNotNull();
        assertThat(nightLog.stateOf(cutOff)).contains("SENDING");
    }

    @Test
    void onADatabaseNoOtherProcessCanUseAHandOffAnEarlierRunLeftIsTakenOverAtOnceAndThisRunsOwnIsWaitedFor() {
        MovableClock clock = new MovableClock(Instant.parse("2026-11-02T10:00:00Z"));
        NotificationLog earlierRun = new NotificationLog(h2.jdbc(), new SqlFiles(), new HeraldMetrics(meters), clock);
        String leftBehind = decided(earlierRun, "email", null);
        assertThat(earlierRun.claim(leftBehind)).isTrue();
        clock.advance(Duration.ofSeconds(5)); // killed, and started again
        Deliveries shared = deliveries(earlierRun, QUIET_SMS, id -> false, clock, SoleDatabase.shared());
        Deliveries sole = deliveries(earlierRun, QUIET_SMS, id -> false, clock, SoleDatabase.since(clock.instant()));

        assertThatThrownBy(() -> shared.claim(handOff(leftBehind, "email", "shipped", null)))
                .as("another instance may be handing it over").isInstanceOf(HandOffInFlightException.class);
        Exchange takeover = handOff(leftBehind, "email", "shipped", null);
        assertThat(sole.claim(takeover)).as("no other process can").isTrue();
        assertThat(takeover.getProperty(Names.Property.RESUMED_SINCE)).isNotNull();
        assertThat(meters.counter("herald.notifications", "channel", "email", "state", "RESUMED").count())
                .isEqualTo(1.0);

        clock.advance(Duration.ofSeconds(1));
        String ours = decided(earlierRun, "email", null);
        assertThat(earlierRun.claim(ours)).isTrue();
        clock.advance(Duration.ofSeconds(5));
        assertThatThrownBy(() -> sole.claim(handOff(ours, "email", "shipped", null)))
                .as("this run's own hand-off, until its lease runs out").isInstanceOf(HandOffInFlightException.class);
    }

    @Test
    void aBatchAsksWhetherTheNewsOfItsLateAttemptsIsStillTrueAndLeavesOutTheOnesThatAreNot() {
        TimeOrderedIds ids = new TimeOrderedIds(night);
        String outOfDate = decided(nightLog, ids.next(), "email", null);
        String stillTrue = decided(nightLog, ids.next(), "email", null);
        night.advance(Duration.ofSeconds(10));
        String fresh = decided(nightLog, ids.next(), "email", null);
        String recordedBeforeIdsToldTheirTime = decided(nightLog, UUID.randomUUID().toString(), "email", null);
        List<String> asked = new java.util.concurrent.CopyOnWriteArrayList<>();
        Deliveries checking = deliveries(nightLog, QUIET_SMS, id -> {
            asked.add(id);
            return id.equals(outOfDate) && nightLog.supersedeClaimed(id, "email", "out of date: the order is now "
                    + "CANCELLED");
        }, night);
        CamelContext camel = new DefaultCamelContext();
        Exchange batch = new DefaultExchange(camel);
        batch.getMessage().setBody(List.of(record(camel, outOfDate), record(camel, stillTrue), record(camel, fresh),
                record(camel, recordedBeforeIdsToldTheirTime)));

        checking.claimBatch(batch);

        assertThat(asked).as("recorded 10 s ago or longer").containsExactlyInAnyOrder(outOfDate, stillTrue,
                recordedBeforeIdsToldTheirTime);
        Exchange handOff = new DefaultExchange(camel);
        handOff.getProperties().putAll(batch.getProperties());
        assertThat(checking.isPending(message(outOfDate, "email"), handOff)).isFalse();
        assertThat(nightLog.findById(outOfDate)).hasValueSatisfying(n -> {
            assertThat(n.state()).isEqualTo("SUPERSEDED");
            assertThat(n.failureReason()).isEqualTo("out of date: the order is now CANCELLED");
        });
        for (String goes : List.of(stillTrue, recordedBeforeIdsToldTheirTime)) {
            assertThat(checking.claim(handOffIn(batch, message(goes, "email")))).as(goes).isTrue();
        }
        assertThat(asked).as("not asked again at a hand-off right after its batch's claim").hasSize(3);

        // a hand-off 10 s after its batch's claim (an SMS waiting its turn at its sender's rate) is asked again
        night.advance(Duration.ofSeconds(10));
        assertThat(checking.claim(handOffIn(batch, message(fresh, "email")))).isTrue();
        assertThat(asked).hasSize(4).endsWith(fresh);
    }

    @Test
    void aBatchWhoseNewsCannotBeCheckedForAMomentHandsItsAttemptsOverAsDecided() {
        String late = decided(nightLog, "email", null);
        Deliveries failing = deliveries(nightLog, QUIET_SMS, id -> {
            throw new org.springframework.dao.DataAccessResourceFailureException("Connection is broken");
        }, night);
        CamelContext camel = new DefaultCamelContext();
        Exchange batch = new DefaultExchange(camel);
        batch.getMessage().setBody(List.of(record(camel, late)));

        failing.claimBatch(batch);

        assertThat(batch.getProperty(Names.Property.BATCH_CLAIMS, Map.class)).containsKey(late);
        assertThat(nightLog.stateOf(late)).contains("SENDING");
    }

    @Test
    void aLateHandOffThatNoBatchClaimedIsAskedAfterItsClaimButATakeoverIsNot() {
        TimeOrderedIds ids = new TimeOrderedIds(night);
        String outOfDate = decided(nightLog, ids.next(), "email", null);
        String cutOff = decided(nightLog, ids.next(), "email", null);
        assertThat(nightLog.claim(cutOff)).isTrue();
        night.advance(Duration.ofSeconds(91));
        List<String> asked = new java.util.concurrent.CopyOnWriteArrayList<>();
        Deliveries checking = deliveries(nightLog, QUIET_SMS, id -> {
            asked.add(id);
            return nightLog.supersedeClaimed(id, "email", "out of date: the order is now CANCELLED");
        }, night);

        assertThat(checking.claim(handOff(outOfDate, "email", "order_confirmed", null))).isFalse();
        assertThat(nightLog.stateOf(outOfDate)).contains("SUPERSEDED");
        assertThat(checking.claim(handOff(cutOff, "email", "order_confirmed", null)))
                .as("its first hand-off may have reached the relay").isTrue();
        assertThat(asked).containsExactly(outOfDate);
    }

    @Test
    void anSmsItsBatchClaimedInsideTheQuietHoursIsHeldBeforeItWaitsForItsSendersRate() {
        Deliveries atNight = deliveries(nightLog, QUIET_SMS, night);
        String sms = decided(nightLog, "sms", "America/New_York");
        String tokyo = decided(nightLog, "sms", "Asia/Tokyo");
        CamelContext camel = new DefaultCamelContext();
        Exchange batch = new DefaultExchange(camel);
        batch.getMessage().setBody(List.of(record(camel, sms), record(camel, tokyo)));
        atNight.claimBatch(batch);

        Exchange held = handOffIn(batch, new OutboundMessage(sms, "shipped", "sms", "C-1", "en", null, "Shipped",
                null, 0, "America/New_York"));
        Exchange goes = handOffIn(batch, new OutboundMessage(tokyo, "shipped", "sms", "C-1", "en", null, "Shipped",
                null, 0, "Asia/Tokyo"));

        assertThat(atNight.outsideQuietHours(held)).isFalse();
        assertThat(nightLog.findById(sms)).hasValueSatisfying(n -> {
            assertThat(n.state()).isEqualTo("DECIDED");
            assertThat(n.failureReason()).contains("quiet hours");
        });
        assertThat(atNight.outsideQuietHours(goes)).as("13:00 in Tokyo").isTrue();
        assertThat(atNight.claim(goes)).isTrue();
        assertThat(nightLog.stateOf(tokyo)).contains("SENDING");
    }

    /** The hand-off of one of the batch's messages, which finds the batch's claims. */
    private static Exchange handOffIn(Exchange batch, OutboundMessage message) {
        Exchange handOff = new DefaultExchange(batch.getContext());
        handOff.getProperties().putAll(batch.getProperties());
        handOff.setProperty(Names.Property.OUTBOUND, message);
        return handOff;
    }

    /** The hand-off of a message of this type to this zone, its attempt claimed by no batch. */
    private static Exchange handOff(String id, String channel, String type, String zone) {
        Exchange handOff = new DefaultExchange(new DefaultCamelContext());
        handOff.setProperty(Names.Property.OUTBOUND, new OutboundMessage(id, type, channel, "C-1", "en", null,
                "Shipped", null, 0, zone));
        return handOff;
    }

    /** Two hand-offs of the exchange's attempt that the backend failed, each back to DECIDED, then claimed again. */
    private void failTwiceInPlace(Exchange handOff) {
        String id = outbound(handOff).notificationId();
        for (int i = 0; i < 2; i++) {
            handOff.setProperty(Exchange.EXCEPTION_CAUGHT, backendAnswered(500, Map.of()));
            assertThatThrownBy(() -> deliveries.failed(handOff)).isInstanceOf(HttpOperationFailedException.class);
            assertThat(deliveries.claim(handOff)).isTrue();
        }
        handOff.setProperty(Exchange.EXCEPTION_CAUGHT, backendAnswered(500, Map.of()));
    }

    /** Another attempt of the channel, handed off and recorded SENT. */
    private void deliverAnother(String channel) {
        String id = decided(channel);
        Exchange handOff = new DefaultExchange(new DefaultCamelContext());
        handOff.setProperty(Names.Property.OUTBOUND, message(id, channel));
        assertThat(deliveries.claim(handOff)).isTrue();
        deliveries.sent(handOff);
    }

    private static HttpOperationFailedException backendAnswered(int status, Map<String, String> headers) {
        return new HttpOperationFailedException("http://localhost/push", status, null, null, headers, "{}");
    }

    private static Exchange record(CamelContext camel, String key) {
        Exchange record = new DefaultExchange(camel);
        record.getMessage().setHeader(KafkaConstants.KEY, key);
        record.getMessage().setBody("{}");
        return record;
    }

    private static OutboundMessage message(String id, String channel) {
        return new OutboundMessage(id, "order_confirmed", channel, "C-1", "en", "Your order is confirmed",
                "Confirmed", null, 0, null);
    }

    /** An attempt of the channel, DECIDED. */
    private String decided(String channel) {
        return decided(log, channel, null);
    }

    /** An attempt of the channel to a recipient in this zone, DECIDED. */
    private static String decided(NotificationLog log, String channel, String zone) {
        return decided(log, UUID.randomUUID().toString(), channel, zone);
    }

    /** An attempt with this id of the channel to a recipient in this zone, DECIDED. */
    private static String decided(NotificationLog log, String id, String channel, String zone) {
        return LoggedAttempts.decided(log, id, OffsetDateTime.now(ZoneOffset.UTC), channel, "C-1", zone, false);
    }

    /** An attempt of the channel, claimed (SENDING), whose hand-off timed out after its request was written. */
    private Exchange timedOutHandOff(String channel) {
        String id = decided(channel);
        assertThat(log.claim(id)).isTrue();
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.setProperty(Names.Property.OUTBOUND, message(id, channel));
        exchange.setProperty(Exchange.EXCEPTION_CAUGHT, new SocketTimeoutException("Read timed out"));
        return exchange;
    }

    /** The attempt claimed again (SENDING) and its hand-off failed with this failure. */
    private Exchange failedHandOff(String id, Exception failure) {
        assertThat(log.claim(id)).isTrue();
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.setProperty(Names.Property.OUTBOUND, message(id, "email"));
        exchange.setProperty(Exchange.EXCEPTION_CAUGHT, failure);
        return exchange;
    }

    /** The attempt is back to DECIDED for the republish sweep, deferred this many times, with this in its reason. */
    private void assertWaitsForTheSweep(String id, int deferrals, String... reason) {
        assertThat(log.findById(id)).hasValueSatisfying(n -> {
            assertThat(n.state()).isEqualTo("DECIDED");
            assertThat(n.failureReason()).contains(reason);
        });
        assertThat(deferrals(id)).isEqualTo(deferrals);
    }

    private int deferrals(String id) {
        return h2.jdbc().queryForObject("SELECT deferrals FROM notification WHERE id = :id",
                new MapSqlParameterSource("id", id), Integer.class);
    }

    /** What camel-mail throws when the relay answers RCPT TO with this reply. */
    private static SendFailedException rcptRefused(int code, String reply) throws Exception {
        InternetAddress address = new InternetAddress("c-1@example.com");
        return new SendFailedException("Invalid Addresses",
                new SMTPAddressFailedException(address, "RCPT TO", code, reply), new InternetAddress[0],
                new InternetAddress[] {address}, new InternetAddress[0]);
    }

    private static OutboundMessage outbound(Exchange exchange) {
        return exchange.getProperty(Names.Property.OUTBOUND, OutboundMessage.class);
    }

    private static BothDatabases.Database h2() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:deliveries-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        h2.setUser("herald");
        return new BothDatabases.Database("H2", "h2", h2).migrate(null);
    }
}
