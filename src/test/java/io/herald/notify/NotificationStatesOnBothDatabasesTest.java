package io.herald.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.herald.db.BothDatabases;
import io.herald.ops.HeraldMetrics;
import io.herald.sms.SmsConversations;
import io.herald.support.SqlFiles;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.sql.SQLException;
import io.herald.MovableClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;

/**
 * The hand-off states of a channel attempt, on H2 and PostgreSQL: DECIDED, SENDING, SENT, UNKNOWN and SUPERSEDED,
 * and a recipient's deferrals.
 */
class NotificationStatesOnBothDatabasesTest {

    private static final String UPGRADED_PHONE = "+4915112340099";

    private static BothDatabases databases;

    @BeforeAll
    static void start() throws IOException {
        databases = BothDatabases.start();
        for (BothDatabases.Database db : databases.all()) {
            // an SMS sent before V18 recorded which SMS carry the opt-out notice
            db.migrate("17");
            db.jdbc().getJdbcTemplate().update("INSERT INTO notification (id, subject_key, type, channel, locale, "
                    + "recipient, body_text, state, created_at, updated_at) VALUES (?, 'order:SO-V17', "
                    + "'order_confirmed', 'sms', 'en', ?, 'Confirmed. Reply STOP to opt out.', 'SENT', ?, ?)",
                    UUID.randomUUID().toString(), UPGRADED_PHONE, OffsetDateTime.now(ZoneOffset.UTC),
                    OffsetDateTime.now(ZoneOffset.UTC));
            db.migrate(null);
        }
    }

    @AfterAll
    static void stop() throws IOException {
        databases.close();
    }

    /** The notification log on this database, its time told by this clock. */
    private static NotificationLog logAt(BothDatabases.Database db, Clock clock) {
        return new NotificationLog(db.jdbc(), new SqlFiles(), new HeraldMetrics(new SimpleMeterRegistry()), clock);
    }

    static List<BothDatabases.Database> databases() {
        return databases.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void onlyADecidedAttemptIsClaimedAndAFailedHandOffIsClaimedAgain(BothDatabases.Database db) {
        NotificationLog log = logAt(db, Clock.systemUTC());
        String id = insert(log);

        assertThat(log.claim(id)).isTrue();
        assertThat(log.stateOf(id)).contains("SENDING");
        assertThat(log.claim(id)).as("a second consumer of the same message does not hand it over").isFalse();

        log.release(id);
        assertThat(log.stateOf(id)).contains("DECIDED");
        assertThat(log.claim(id)).isTrue();

        log.markSent(id, "email", "<" + id + "@example.com>", 0);
        assertThat(log.stateOf(id)).contains("SENT");
        assertThat(log.claim(id)).isFalse();
        log.release(id);
        log.markUnknown(id, "email", "late");
        assertThat(log.stateOf(id)).as("SENT is final").contains("SENT");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void anAttemptLeftSendingIsMarkedUnknownAndCounted(BothDatabases.Database db) {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        NotificationLog log = new NotificationLog(db.jdbc(), new SqlFiles(), new HeraldMetrics(meters),
                Clock.systemUTC());
        String id = insert(log);
        log.claim(id);

        log.markUnknown(id, "sms", "No answer after the hand-off");

        assertThat(log.findById(id)).hasValueSatisfying(n -> {
            assertThat(n.state()).isEqualTo("UNKNOWN");
            assertThat(n.failureReason()).isEqualTo("No answer after the hand-off");
        });
        assertThat(log.claim(id)).isFalse();
        assertThat(meters.get("herald.notifications").tag("channel", "sms").tag("state", "UNKNOWN").counter().count())
                .isEqualTo(1.0);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void anAttemptLeftSendingIsTakenOverOnlyOnceItsLeaseRanOut(BothDatabases.Database db) {
        MovableClock clock = new MovableClock(Instant.parse("2026-11-02T10:00:00Z"));
        NotificationLog log = logAt(db, clock);
        String id = insert(log);
        assertThat(log.claim(id)).isTrue();

        clock.advance(Duration.ofSeconds(89));
        assertThat(log.resume(id, Duration.ofSeconds(90))).as("its instance may still be handing it over").isFalse();
        clock.advance(Duration.ofSeconds(2));
        assertThat(log.resume(id, Duration.ofSeconds(90))).as("its hand-off began 91 s ago").isTrue();
        assertThat(log.resume(id, Duration.ofSeconds(90))).as("taking it over starts a new lease").isFalse();
        assertThat(log.stateOf(id)).contains("SENDING");

        log.markSent(id, "email", "<" + id + "@example.com>", 0);
        clock.advance(Duration.ofMinutes(5));
        assertThat(log.resume(id, Duration.ofSeconds(90))).as("a sent attempt is not taken over").isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void attemptLeftDecidedIsTakenForPublishingAgainOnceItIsStale(BothDatabases.Database db) {
        MovableClock clock = new MovableClock(Instant.parse("2026-11-03T10:00:00Z"));
        NotificationLog log = logAt(db, clock);
        String id = insert(log, clock.instant().atOffset(ZoneOffset.UTC));
        Duration after = Duration.ofMinutes(2);

        clock.advance(Duration.ofSeconds(119));
        assertThat(log.staleDecided(after, 100)).extracting(Notification::id).doesNotContain(id);
        clock.advance(Duration.ofSeconds(2));
        assertThat(log.staleDecided(after, 100)).extracting(Notification::id).contains(id);
        assertThat(log.takeStale(id, after)).isTrue();
        assertThat(log.takeStale(id, after)).as("a second instance does not take it too").isFalse();
        assertThat(log.staleDecided(after, 100)).extracting(Notification::id).doesNotContain(id);

        clock.advance(Duration.ofMinutes(3));
        assertThat(log.claim(id)).isTrue();
        assertThat(log.staleDecided(after, 100)).as("handed over").extracting(Notification::id).doesNotContain(id);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void theSweepFindsStaleAttemptsThroughAnIndexOfTheirOwnNotByReadingTheTable(BothDatabases.Database db)
            throws SQLException {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        assertThat(db.planOf("notify/list-stale-decided", new MapSqlParameterSource().addValue("now", now)
                .addValue("staleBefore", now.minusMinutes(2)).addValue("limit", 200))).contains("notification_decided");
        if (db.vendor().equals("h2")) {
            // nulls first, the range below :staleBefore would begin by walking past every attempt not DECIDED
            assertThat(db.jdbc().getJdbcTemplate().queryForObject("SELECT NULL_ORDERING FROM "
                    + "INFORMATION_SCHEMA.INDEX_COLUMNS WHERE INDEX_NAME = 'NOTIFICATION_DECIDED'", String.class))
                    .isEqualTo("LAST");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void theOutboxReadsTheLatestMessagesHandedOverThroughAnIndexAndKeepsThoseDeliveredSince(
            BothDatabases.Database db) throws SQLException {
        String plan = db.planOf("notify/list-recent-sent", new MapSqlParameterSource("limit", 200));
        assertThat(plan).contains("notification_created");
        if (db.vendor().equals("h2")) {
            assertThat(plan).as("read newest first, no sort of every row").contains("index sorted");
        }

        NotificationLog log = logAt(db, Clock.systemUTC());
        String delivered = insert(log);
        assertThat(log.claim(delivered)).isTrue();
        log.markSent(delivered, "email", "<" + delivered + "@example.com>", 0);
        db.jdbc().getJdbcTemplate().update("UPDATE notification SET state = 'DELIVERED' WHERE id = ?", delivered);
        String decided = insert(log);

        assertThat(log.recentlySent(1000)).extracting(Notification::id).contains(delivered).doesNotContain(decided);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aStaleAttemptWhoseNewsIsOutOfDateIsSupersededOnceAndNeverHandedOver(BothDatabases.Database db) {
        MovableClock clock = new MovableClock(Instant.parse("2026-11-03T11:00:00Z"));
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        NotificationLog log = new NotificationLog(db.jdbc(), new SqlFiles(), new HeraldMetrics(meters), clock);
        String id = insert(log, clock.instant().atOffset(ZoneOffset.UTC));
        Duration after = Duration.ofMinutes(2);
        String reason = "out of date: the order is now CANCELLED";

        clock.advance(Duration.ofSeconds(119));
        assertThat(log.supersedeStale(id, "email", after, reason)).as("not stale yet").isFalse();
        clock.advance(Duration.ofSeconds(2));
        assertThat(log.supersedeStale(id, "email", after, reason)).isTrue();
        assertThat(log.supersedeStale(id, "email", after, reason)).as("a second instance does not too").isFalse();

        assertThat(log.findById(id)).hasValueSatisfying(n -> {
            assertThat(n.state()).isEqualTo("SUPERSEDED");
            assertThat(n.failureReason()).isEqualTo(reason);
        });
        clock.advance(Duration.ofMinutes(3));
        assertThat(log.staleDecided(after, 100)).extracting(Notification::id).doesNotContain(id);
        assertThat(log.takeStale(id, after)).isFalse();
        assertThat(log.claim(id)).as("never handed over").isFalse();
        assertThat(meters.get("herald.notifications").tag("channel", "email").tag("state", "SUPERSEDED").counter()
                .count()).isEqualTo(1.0);

        String claimed = insert(log, clock.instant().atOffset(ZoneOffset.UTC));
        clock.advance(Duration.ofMinutes(3));
        log.claim(claimed);
        assertThat(log.supersedeStale(claimed, "email", after, reason)).as("being handed over").isFalse();
        assertThat(log.stateOf(claimed)).contains("SENDING");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void anAttemptHeldForTheRecipientsQuietHoursIsLeftToTheSweepOnlyOnceTheyEnd(BothDatabases.Database db) {
        MovableClock clock = new MovableClock(Instant.parse("2026-11-03T04:00:00Z"));
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        NotificationLog log = new NotificationLog(db.jdbc(), new SqlFiles(), new HeraldMetrics(meters), clock);
        String id = insert(log, clock.instant().atOffset(ZoneOffset.UTC));
        OffsetDateTime morning = OffsetDateTime.parse("2026-11-03T13:00:00Z");
        Duration after = Duration.ofMinutes(2);

        log.holdUntil(id, "sms", morning, "quiet hours");
        assertThat(log.stateOf(id)).as("only a SENDING attempt is held").contains("DECIDED");
        assertThat(log.claim(id)).isTrue();
        log.holdUntil(id, "sms", morning, "Reached its hand-off inside the recipient's quiet hours");
        assertThat(log.findById(id)).hasValueSatisfying(n -> {
            assertThat(n.state()).isEqualTo("DECIDED");
            assertThat(n.failureReason()).isEqualTo("Reached its hand-off inside the recipient's quiet hours");
        });
        assertThat(meters.get("herald.notifications").tag("channel", "sms").tag("state", "DEFERRED").counter()
                .count()).isEqualTo(1.0);

        clock.advance(Duration.ofHours(8).plusMinutes(59));
        assertThat(log.staleDecided(after, 100)).extracting(Notification::id).doesNotContain(id);
        clock.advance(Duration.ofMinutes(1));
        assertThat(log.staleDecided(after, 100)).extracting(Notification::id).contains(id);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aDeferredRecipientsAttemptIsPublishedAgainByTheSweepUntilItsDeferralsRunOut(BothDatabases.Database db) {
        MovableClock clock = new MovableClock(Instant.parse("2026-11-03T12:00:00Z"));
        NotificationLog log = logAt(db, clock);
        String id = insert(log, clock.instant().atOffset(ZoneOffset.UTC));
        Duration after = Duration.ofMinutes(2);

        assertThat(log.defer(id, 2, "450")).as("only a SENDING attempt is deferred").isFalse();
        for (int deferral = 1; deferral <= 2; deferral++) {
            assertThat(log.claim(id)).isTrue();
            clock.advance(Duration.ofSeconds(1));
            assertThat(log.defer(id, 2, "deferred: 450 4.2.1 mailbox busy")).isTrue();
            assertThat(log.findById(id)).hasValueSatisfying(n -> {
                assertThat(n.state()).isEqualTo("DECIDED");
                assertThat(n.failureReason()).isEqualTo("deferred: 450 4.2.1 mailbox busy");
            });
            clock.advance(Duration.ofSeconds(119));
            assertThat(log.staleDecided(after, 100)).as("deferred just now").extracting(Notification::id)
                    .doesNotContain(id);
            clock.advance(Duration.ofSeconds(2));
            assertThat(log.staleDecided(after, 100)).extracting(Notification::id).contains(id);
            assertThat(log.takeStale(id, after)).isTrue();
        }
        assertThat(log.claim(id)).isTrue();
        assertThat(log.defer(id, 2, "450")).as("deferred twice already").isFalse();
        assertThat(log.stateOf(id)).contains("SENDING");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aBatchClaimsItsDecidedAttemptsTogetherAndALateHandOffRenewsItsClaimUnlessTakenOver(
            BothDatabases.Database db) {
        MovableClock clock = new MovableClock(Instant.parse("2026-11-04T10:00:00.123456789Z"));
        NotificationLog log = logAt(db, clock);
        String first = insert(log);
        String second = insert(log);
        String sent = insert(log);
        log.claim(sent);
        log.markSent(sent, "email", "<" + sent + "@example.com>", 0);

        Map<String, OffsetDateTime> claimed = log.claimAll(List.of(first, second, sent, first));
        assertThat(claimed).containsOnlyKeys(first, second);
        assertThat(log.stateOf(first)).contains("SENDING");
        assertThat(log.claimAll(List.of(first))).as("claimed already").isEmpty();
        OffsetDateTime at = claimed.get(first);
        assertThat(log.isRecent(at, Duration.ofSeconds(22))).isTrue();

        clock.advance(Duration.ofSeconds(30));
        assertThat(log.isRecent(at, Duration.ofSeconds(22))).isFalse();
        assertThat(log.renew(first, at)).as("its own claim, found again by its instant").isTrue();
        assertThat(log.renew(first, at)).as("renewed, the claim has a new instant").isFalse();

        clock.advance(Duration.ofSeconds(61));
        assertThat(log.resume(second, Duration.ofSeconds(90))).as("another instance takes the stale claim over")
                .isTrue();
        assertThat(log.renew(second, claimed.get(second))).as("and the batch's hand-off leaves it alone").isFalse();
        assertThat(log.stateOf(second)).contains("SENDING");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aNumbersNextSmsCarriesTheOptOutNoticeUntilOneThatCarriesItIsOnItsWayOrSent(BothDatabases.Database db) {
        NotificationLog log = logAt(db, Clock.systemUTC());
        SmsConversations conversations = new SmsConversations(db.jdbc(), new SqlFiles());
        String phone = "+4915112345678";
        insert(log, OffsetDateTime.now(ZoneOffset.UTC), "email", phone, false);
        log.markFailed(insert(log, "sms", phone, true), "sms", "21211: invalid 'To' number");
        String undelivered = insert(log, "sms", phone, true);
        db.jdbc().update("UPDATE notification SET state = 'UNDELIVERED' WHERE id = :id",
                new MapSqlParameterSource("id", undelivered));
        String outOfDate = insert(log, OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(3), "sms", phone, true);
        assertThat(log.supersedeStale(outOfDate, "sms", Duration.ofMinutes(2), "out of date")).isTrue();
        // decided while the superseded one was on its way with the notice, so without it, and sent
        String withoutNotice = insert(log, "sms", phone, false);
        log.claim(withoutNotice);
        log.markSent(withoutNotice, "sms", "SM" + withoutNotice.replace("-", ""), 0);
        assertThat(conversations.needsOptOutNotice(phone))
                .as("an email, and SMS refused, undelivered, never sent, or sent without the notice").isTrue();

        String decided = insert(log, "sms", phone, true);
        assertThat(conversations.needsOptOutNotice(phone)).as("one with the notice on its way").isFalse();
        log.claim(decided);
        log.markSent(decided, "sms", "SM" + decided.replace("-", ""), 0);
        assertThat(conversations.needsOptOutNotice(phone)).as("one with the notice sent").isFalse();
        assertThat(conversations.needsOptOutNotice(phone + "9")).as("another number").isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aNumberThatHadAnSmsBeforeTheUpgradeIsNotGivenTheNoticeAgain(BothDatabases.Database db) {
        assertThat(new SmsConversations(db.jdbc(), new SqlFiles()).needsOptOutNotice(UPGRADED_PHONE)).isFalse();
    }

    private static String insert(NotificationLog log) {
        return insert(log, OffsetDateTime.now(ZoneOffset.UTC));
    }

    private static String insert(NotificationLog log, String channel, String recipient, boolean optOutNotice) {
        return insert(log, OffsetDateTime.now(ZoneOffset.UTC), channel, recipient, optOutNotice);
    }

    private static String insert(NotificationLog log, OffsetDateTime now) {
        return insert(log, now, "email", "state.test@example.com", false);
    }

    private static String insert(NotificationLog log, OffsetDateTime now, String channel, String recipient,
                                 boolean optOutNotice) {
        return LoggedAttempts.decided(log, UUID.randomUUID().toString(), now, channel, recipient, null, optOutNotice);
    }
}
