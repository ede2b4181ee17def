package io.herald.decide;

import static org.assertj.core.api.Assertions.assertThat;

import io.herald.config.HeraldProperties;
import io.herald.decide.Decisions.Candidate;
import io.herald.decide.Decisions.Context;
import io.herald.decide.Decisions.Due;
import io.herald.decide.Decisions.Outcome;
import io.herald.decide.Decisions.Permissions;
import io.herald.decide.Decisions.Prior;
import io.herald.decide.Decisions.Recipient;
import io.herald.decide.Decisions.Retired;
import io.herald.decide.Decisions.SubjectNow;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The decide stage's policies, in pure code, each on its own. */
class DeciderTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    /** 14:00 in Berlin: outside quiet hours. */
    private static final Instant AFTERNOON = Instant.parse("2026-03-03T13:00:00Z");
    /** 23:30 in Berlin: inside quiet hours. */
    private static final Instant NIGHT = Instant.parse("2026-03-03T22:30:00Z");
    private static final String SUBJECT = "shipment:ups:1Z999AA10123456784";
    private static final Recipient ADA = new Recipient("SO-1", "C-1", "Ada Lovelace", "ada@example.com",
            "+4915112340001", "en", BERLIN);
    private static final QuietHours QUIET = new QuietHours(LocalTime.of(21, 0), LocalTime.of(8, 0), Set.of("sms"),
            QuietHours.Critical.DEFER, ZoneId.of("America/New_York"));
    private static final RuleSettings ALL_RULES = rules(Map.of());

    private final Decider noHold = decider(Duration.ZERO, QUIET, ALL_RULES);
    private final Decider holding = decider(Duration.ofMinutes(2), QUIET, ALL_RULES);

    private static Decider decider(Duration hold, QuietHours quietHours, RuleSettings rules) {
        return new Decider(hold, Duration.ofHours(24), new HeraldProperties.Cap(3, 6),
                new HeraldProperties.Fallback(true, false), quietHours, rules);
    }

    private static RuleSettings rules(Map<NotificationType, Boolean> enabled) {
        return new RuleSettings(enabled, Duration.ofHours(12), Duration.ofHours(72), Map.of());
    }

    private static Candidate candidate(NotificationType type, String status) {
        return new Candidate(type, "rule-" + type.wire(), SUBJECT, status, AFTERNOON.minusSeconds(60), null, null);
    }

    private static Context context(List<Prior> prior) {
        return new Context(ADA, Permissions.ALL, prior, 0, 0);
    }

    private static Prior prior(String id, NotificationType type, DecisionState state, String status,
                               Instant createdAt) {
        return new Prior(id, type, state, status, null, null, createdAt,
                state == DecisionState.HELD ? createdAt : null);
    }

    @Test
    void switchedOffRuleIsSuppressedWithItsSetting() {
        Decider off = decider(Duration.ZERO, QUIET, rules(Map.of(NotificationType.SHIPPED, false)));

        Outcome outcome = off.decide(candidate(NotificationType.SHIPPED, "IN_TRANSIT"), context(List.of()), AFTERNOON);

        assertThat(outcome.state()).isEqualTo(DecisionState.SUPPRESSED);
        assertThat(outcome.reason()).contains("herald.rules.shipped.enabled");
        assertThat(outcome.sendNow()).isEmpty();
    }

    @Test
    void shippedGoesByEveryChannelTheCustomerHas() {
        Outcome outcome = noHold.decide(candidate(NotificationType.SHIPPED, "IN_TRANSIT"), context(List.of()),
                AFTERNOON);

        assertThat(outcome.state()).isEqualTo(DecisionState.DECIDED);
        assertThat(outcome.sendNow()).containsExactly("email", "sms");
    }

    @Test
    void aTypeAlreadySentIsDroppedAsARepeat() {
        Prior sent = prior("d-1", NotificationType.SHIPPED, DecisionState.DECIDED, "IN_TRANSIT",
                AFTERNOON.minusSeconds(3600));

        Outcome outcome = noHold.decide(candidate(NotificationType.SHIPPED, "IN_TRANSIT"), context(List.of(sent)),
                AFTERNOON);

        assertThat(outcome.state()).isEqualTo(DecisionState.DROPPED);
        assertThat(outcome.reason()).contains("already sent").contains("d-1");
    }

    /** A decision whose email went out at once while its SMS waits for the end of the quiet hours. */
    private static Prior emailSentSmsDeferred(String id, NotificationType type, String status) {
        return new Prior(id, type, DecisionState.DEFERRED, status, null, null, NIGHT.minusSeconds(1800), null, true);
    }

    @Test
    void aTypeWhoseEmailWentOutWhileItsSmsWaitsIsDroppedAsARepeat() {
        Prior placed = emailSentSmsDeferred("d-1", NotificationType.ORDER_CONFIRMED, "PLACED");

        Outcome paid = noHold.decide(new Candidate(NotificationType.ORDER_CONFIRMED, "rule-order-confirmed",
                "order:SO-1", "PAID", NIGHT, null, null), context(List.of(placed)), NIGHT);

        assertThat(paid.state()).isEqualTo(DecisionState.DROPPED);
        assertThat(paid.reason()).contains("already sent").contains("d-1");
        assertThat(paid.retire()).as("its SMS still goes in the morning, if still current").isEmpty();
    }

    @Test
    void aRepeatThatSupersedesTheWaitingSmsOfADecisionThatToldByEmailLeavesItDecided() {
        Prior weather = new Prior("d-1", NotificationType.DELAYED, DecisionState.DEFERRED, "EXCEPTION", "WEATHER",
                null, NIGHT.minusSeconds(1800), null, true);
        Candidate address = new Candidate(NotificationType.DELAYED, "rule-delayed-new-reason", SUBJECT, "EXCEPTION",
                NIGHT, "ADDRESS", null);

        Outcome outcome = noHold.decide(address, context(List.of(weather)), NIGHT);

        assertThat(outcome.state()).isEqualTo(DecisionState.DEFERRED);
        assertThat(outcome.retire()).singleElement().satisfies(r -> {
            assertThat(r.state()).isEqualTo(DecisionState.DECIDED);
            assertThat(r.reason()).isEqualTo("deferred channels not sent: superseded by delayed (EXCEPTION)");
        });
    }

    @Test
    void aPendingDecisionThatToldByEmailNeitherFreesAPlaceUnderTheCapNorMakesWay() {
        Prior eta = emailSentSmsDeferred("d-eta", NotificationType.ETA_CHANGED, "IN_TRANSIT");
        Context full = new Context(ADA, Permissions.ALL, List.of(eta), 3, 3);

        Outcome again = noHold.decide(candidate(NotificationType.ETA_CHANGED, "IN_TRANSIT"), full, NIGHT);
        Outcome outForDelivery = noHold.decide(candidate(NotificationType.OUT_FOR_DELIVERY, "OUT_FOR_DELIVERY"), full,
                NIGHT);

        assertThat(again.state()).as("its email counts as one of the three").isEqualTo(DecisionState.SUPPRESSED);
        assertThat(again.reason()).contains("fatigue cap");
        assertThat(outForDelivery.state()).isEqualTo(DecisionState.SUPPRESSED);
        assertThat(outForDelivery.retire()).isEmpty();
    }

    @Test
    void aDeferredSmsThatCannotGoLeavesADecisionThatToldByEmailDecidedWithoutAFallback() {
        Instant morning = Instant.parse("2026-03-04T07:00:00Z");
        Due shipped = new Due("d-1", candidate(NotificationType.SHIPPED, "IN_TRANSIT"), DecisionState.DEFERRED,
                List.of("sms"), morning, NIGHT, true);
        Due delayed = new Due("d-2", candidate(NotificationType.DELAYED, "EXCEPTION"), DecisionState.DEFERRED,
                List.of("sms"), morning, NIGHT, true);
        Permissions stopped = (type, channel) -> !"sms".equals(channel);

        Outcome outOfDate = noHold.release(shipped, context(List.of()),
                new SubjectNow("OUT_FOR_DELIVERY", null, morning), morning);
        Outcome noSms = noHold.release(delayed, new Context(ADA, stopped, List.of(), 0, 0),
                new SubjectNow("EXCEPTION", null, NIGHT), morning);

        assertThat(outOfDate.state()).isEqualTo(DecisionState.DECIDED);
        assertThat(outOfDate.reason()).isEqualTo("sms not sent: out of date: the shipment is now OUT_FOR_DELIVERY");
        assertThat(outOfDate.sendNow()).isEmpty();
        assertThat(noSms.state()).isEqualTo(DecisionState.DECIDED);
        assertThat(noSms.sendNow()).as("its email went out already").isEmpty();
        assertThat(noSms.reason()).isEqualTo("sms not sent: no channel: sms: off by preference");
    }

    @Test
    void secondAttemptAnnouncesOutForDeliveryAgain() {
        Prior firstRound = prior("d-1", NotificationType.OUT_FOR_DELIVERY, DecisionState.DECIDED, "OUT_FOR_DELIVERY",
                AFTERNOON.minusSeconds(7200));
        Prior missed = prior("d-2", NotificationType.ATTEMPT_FAILED, DecisionState.DECIDED, "ATTEMPT_FAILED",
                AFTERNOON.minusSeconds(3600));
        Candidate again = candidate(NotificationType.OUT_FOR_DELIVERY, "OUT_FOR_DELIVERY");

        assertThat(noHold.decide(again, context(List.of(firstRound, missed)), AFTERNOON).state())
                .isEqualTo(DecisionState.DECIDED);
        assertThat(noHold.decide(again, context(List.of(missed, firstRound)), AFTERNOON).state())
                .as("an attempt that failed before the first round does not allow a second")
                .isEqualTo(DecisionState.DROPPED);
        Prior missedBefore = prior("d-0", NotificationType.ATTEMPT_FAILED, DecisionState.DECIDED, "ATTEMPT_FAILED",
                AFTERNOON.minusSeconds(9000));
        assertThat(noHold.decide(again, context(List.of(missedBefore, firstRound)), AFTERNOON).state())
                .isEqualTo(DecisionState.DROPPED);
    }

    @Test
    void delayedIsToldAgainOnlyWhenItsReasonOrEtaChanges() {
        Prior weather = new Prior("d-1", NotificationType.DELAYED, DecisionState.DECIDED, "EXCEPTION", "WEATHER",
                null, AFTERNOON.minusSeconds(3600), null);
        Candidate sameReason = new Candidate(NotificationType.DELAYED, "rule-delayed", SUBJECT, "EXCEPTION",
                AFTERNOON, "WEATHER", null);
        Candidate newReason = new Candidate(NotificationType.DELAYED, "rule-delayed", SUBJECT, "EXCEPTION",
                AFTERNOON, "ADDRESS", null);
        Candidate newEta = new Candidate(NotificationType.DELAYED, "rule-delayed", SUBJECT, "EXCEPTION",
                AFTERNOON, "WEATHER", AFTERNOON.plus(Duration.ofDays(2)));

        assertThat(noHold.decide(sameReason, context(List.of(weather)), AFTERNOON).state())
                .isEqualTo(DecisionState.DROPPED);
        assertThat(noHold.decide(newReason, context(List.of(weather)), AFTERNOON).state())
                .isEqualTo(DecisionState.DECIDED);
        assertThat(noHold.decide(newEta, context(List.of(weather)), AFTERNOON).state())
                .isEqualTo(DecisionState.DECIDED);
    }

    @Test
    void unknownCustomerWaitsAndIsDroppedOnlyAfterTheWait() {
        Context nobody = new Context(null, Permissions.ALL, List.of(), 0, 0);
        Candidate shipped = candidate(NotificationType.SHIPPED, "IN_TRANSIT");

        Outcome waiting = holding.decide(shipped, nobody, AFTERNOON);

        assertThat(waiting.state()).isEqualTo(DecisionState.AWAITING_CUSTOMER);
        assertThat(waiting.dueAt()).isEqualTo(AFTERNOON.plus(Duration.ofHours(24)));
        Due due = new Due("d-1", shipped, DecisionState.AWAITING_CUSTOMER, List.of(), waiting.dueAt(),
                AFTERNOON);
        SubjectNow inTransit = new SubjectNow("IN_TRANSIT", null, shipped.eventOccurredAt());
        assertThat(holding.release(due, nobody, inTransit, AFTERNOON.plusSeconds(3600)).stays()).isTrue();
        Outcome dropped = holding.release(due, nobody, inTransit, waiting.dueAt());
        assertThat(dropped.state()).isEqualTo(DecisionState.DROPPED);
        assertThat(dropped.reason()).contains("no customer");
    }

    @Test
    void customerWhoArrivesAfterTheHoldReleasesTheWaitIfStillCurrent() {
        Candidate shipped = candidate(NotificationType.SHIPPED, "IN_TRANSIT");
        Instant decided = AFTERNOON.minus(Duration.ofMinutes(5));
        Due due = new Due("d-1", shipped, DecisionState.AWAITING_CUSTOMER, List.of(),
                decided.plus(Duration.ofHours(24)), decided);

        Outcome released = holding.release(due, context(List.of()),
                new SubjectNow("IN_TRANSIT", null, shipped.eventOccurredAt()), AFTERNOON);
        Outcome outOfDate = holding.release(due, context(List.of()),
                new SubjectNow("DELIVERED", null, AFTERNOON), AFTERNOON);

        assertThat(released.state()).isEqualTo(DecisionState.DECIDED);
        assertThat(released.sendNow()).containsExactly("email", "sms");
        assertThat(outOfDate.state()).isEqualTo(DecisionState.SUPERSEDED);
        assertThat(outOfDate.reason()).contains("DELIVERED");
    }

    @Test
    void customerWhoArrivesInsideTheHoldLeavesTheNewsHeldForWhatRemainsOfTheWindow() {
        Candidate shipped = candidate(NotificationType.SHIPPED, "IN_TRANSIT");
        Instant decided = AFTERNOON.minusSeconds(30);
        Due due = new Due("d-1", shipped, DecisionState.AWAITING_CUSTOMER, List.of(),
                decided.plus(Duration.ofHours(24)), decided);
        SubjectNow inTransit = new SubjectNow("IN_TRANSIT", null, shipped.eventOccurredAt());

        Outcome held = holding.release(due, context(List.of()), inTransit, AFTERNOON);
        Outcome critical = holding.release(new Due("d-2", candidate(NotificationType.DELAYED, "EXCEPTION"),
                DecisionState.AWAITING_CUSTOMER, List.of(), decided.plus(Duration.ofHours(24)), decided),
                context(List.of()), new SubjectNow("EXCEPTION", null, AFTERNOON), AFTERNOON);

        assertThat(held.state()).isEqualTo(DecisionState.HELD);
        assertThat(held.windowStartedAt()).isEqualTo(decided);
        assertThat(held.dueAt()).isEqualTo(decided.plus(Duration.ofMinutes(2)));
        assertThat(held.sendNow()).isEmpty();
        assertThat(critical.state()).as("critical news is never held").isEqualTo(DecisionState.DECIDED);
        assertThat(noHold.release(due, context(List.of()), inTransit, AFTERNOON).state())
                .isEqualTo(DecisionState.DECIDED);
    }

    @Test
    void outForDeliveryThenDeliveredWithinHoldKeepsOnlyDeliveredAndTheFirstWindow() {
        Instant first = AFTERNOON.minusSeconds(30);
        Prior held = prior("d-ofd", NotificationType.OUT_FOR_DELIVERY, DecisionState.HELD, "OUT_FOR_DELIVERY", first);

        Outcome delivered = holding.decide(candidate(NotificationType.DELIVERED, "DELIVERED"),
                context(List.of(held)), AFTERNOON);

        assertThat(delivered.state()).isEqualTo(DecisionState.HELD);
        assertThat(delivered.windowStartedAt()).isEqualTo(first);
        assertThat(delivered.dueAt()).as("released no later than hold after the first").isEqualTo(
                first.plus(Duration.ofMinutes(2)));
        assertThat(delivered.retire()).containsExactly(new Retired("d-ofd", NotificationType.OUT_FOR_DELIVERY,
                DecisionState.SUPERSEDED, "superseded by delivered (DELIVERED)"));
    }

    @Test
    void aBusyShipmentIsNotStarvedByItsHoldWindow() {
        Prior held = prior("d-1", NotificationType.OUT_FOR_DELIVERY, DecisionState.HELD, "OUT_FOR_DELIVERY",
                AFTERNOON.minus(Duration.ofMinutes(3)));

        Outcome outcome = holding.decide(candidate(NotificationType.DELIVERED, "DELIVERED"), context(List.of(held)),
                AFTERNOON);

        assertThat(outcome.state()).as("the window of the first held decision is over").isEqualTo(
                DecisionState.DECIDED);
        assertThat(outcome.retire()).extracting(Retired::decisionId).containsExactly("d-1");
    }

    @Test
    void criticalAlertSupersedesAHeldOptionalOneAndIsNotHeld() {
        Prior held = prior("d-ofd", NotificationType.OUT_FOR_DELIVERY, DecisionState.HELD, "OUT_FOR_DELIVERY",
                AFTERNOON.minusSeconds(30));

        Outcome outcome = holding.decide(candidate(NotificationType.ATTEMPT_FAILED, "ATTEMPT_FAILED"),
                context(List.of(held)), AFTERNOON);

        assertThat(outcome.state()).isEqualTo(DecisionState.DECIDED);
        assertThat(outcome.retire()).extracting(Retired::decisionId).containsExactly("d-ofd");
    }

    @Test
    void etaChangedDoesNotSupersedeAHeldShippedOfTheSameStatus() {
        Prior held = prior("d-shipped", NotificationType.SHIPPED, DecisionState.HELD, "IN_TRANSIT",
                AFTERNOON.minusSeconds(30));

        Outcome outcome = holding.decide(candidate(NotificationType.ETA_CHANGED, "IN_TRANSIT"),
                context(List.of(held)), AFTERNOON);

        assertThat(outcome.state()).isEqualTo(DecisionState.HELD);
        assertThat(outcome.retire()).isEmpty();
    }

    @Test
    void fatigueCapSuppressesOptionalButNeverCriticalOrDelivered() {
        Context full = new Context(ADA, Permissions.ALL, List.of(), 3, 3);

        Outcome shipped = noHold.decide(candidate(NotificationType.ETA_CHANGED, "IN_TRANSIT"), full, AFTERNOON);
        Outcome delayed = noHold.decide(candidate(NotificationType.DELAYED, "EXCEPTION"), full, AFTERNOON);
        Outcome delivered = noHold.decide(candidate(NotificationType.DELIVERED, "DELIVERED"), full, AFTERNOON);

        assertThat(shipped.state()).isEqualTo(DecisionState.SUPPRESSED);
        assertThat(shipped.reason()).contains("fatigue cap").contains("3 optional messages per shipment");
        assertThat(delayed.state()).isEqualTo(DecisionState.DECIDED);
        assertThat(delivered.state()).isEqualTo(DecisionState.DECIDED);
    }

    @Test
    void customerCapCountsAcrossShipments() {
        Context full = new Context(ADA, Permissions.ALL, List.of(), 0, 6);

        Outcome outcome = noHold.decide(candidate(NotificationType.SHIPPED, "IN_TRANSIT"), full, AFTERNOON);

        assertThat(outcome.state()).isEqualTo(DecisionState.SUPPRESSED);
        assertThat(outcome.reason()).contains("6 optional messages per customer");
    }

    @Test
    void atTheCapTheLowestPriorityPendingTypeMakesWayForAHigherOne() {
        Prior eta = prior("d-eta", NotificationType.ETA_CHANGED, DecisionState.HELD, "IN_TRANSIT",
                AFTERNOON.minusSeconds(20));
        Context full = new Context(ADA, Permissions.ALL, List.of(eta), 3, 3);

        Outcome outcome = holding.decide(candidate(NotificationType.OUT_FOR_DELIVERY, "OUT_FOR_DELIVERY"), full,
                AFTERNOON);

        assertThat(outcome.state()).isEqualTo(DecisionState.HELD);
        assertThat(outcome.retire()).extracting(Retired::decisionId, Retired::state)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("d-eta", DecisionState.SUPERSEDED));
        Prior shipped = prior("d-shipped", NotificationType.SHIPPED, DecisionState.DEFERRED, "IN_TRANSIT",
                AFTERNOON.minusSeconds(20));
        Outcome displaced = noHold.decide(candidate(NotificationType.STALLED, "IN_TRANSIT"),
                new Context(ADA, Permissions.ALL, List.of(shipped), 3, 3), AFTERNOON);
        assertThat(displaced.state()).isEqualTo(DecisionState.DECIDED);
        assertThat(displaced.retire()).singleElement().satisfies(r -> {
            assertThat(r.decisionId()).isEqualTo("d-shipped");
            assertThat(r.state()).isEqualTo(DecisionState.SUPPRESSED);
            assertThat(r.reason()).contains("made way for stalled");
        });
    }

    @Test
    void optedOutOfShippedBySmsGetsItByEmailOnly() {
        Permissions noShippedSms = (type, channel) -> !(type == NotificationType.SHIPPED && "sms".equals(channel));

        Outcome outcome = noHold.decide(candidate(NotificationType.SHIPPED, "IN_TRANSIT"),
                new Context(ADA, noShippedSms, List.of(), 0, 0), AFTERNOON);

        assertThat(outcome.sendNow()).containsExactly("email");
        assertThat(outcome.reason()).contains("sms: off by preference");
    }

    @Test
    void criticalAlertOfACustomerWhoStoppedSmsFallsBackToEmailButOptionalNewsIsSuppressed() {
        Permissions smsOnlyAndStopped = (type, channel) -> false;

        Outcome delayed = noHold.decide(candidate(NotificationType.DELAYED, "EXCEPTION"),
                new Context(ADA, smsOnlyAndStopped, List.of(), 0, 0), AFTERNOON);
        Outcome shipped = noHold.decide(candidate(NotificationType.SHIPPED, "IN_TRANSIT"),
                new Context(ADA, smsOnlyAndStopped, List.of(), 0, 0), AFTERNOON);

        assertThat(delayed.sendNow()).containsExactly("email");
        assertThat(delayed.reason()).contains("email: fallback for a critical alert");
        assertThat(shipped.state()).isEqualTo(DecisionState.SUPPRESSED);
        assertThat(shipped.reason()).startsWith("no channel");
    }

    @Test
    void criticalAlertGoesByTheChannelTheCustomerChose() {
        Permissions smsOnly = (type, channel) -> "sms".equals(channel);

        Outcome delayed = noHold.decide(candidate(NotificationType.DELAYED, "EXCEPTION"),
                new Context(ADA, smsOnly, List.of(), 0, 0), AFTERNOON);

        assertThat(delayed.sendNow()).containsExactly("sms");
    }

    @Test
    void criticalAlertNeverGoesBySmsAgainstAStopNorWithoutEmailFallback() {
        Recipient phoneOnly = new Recipient("SO-1", "C-1", "Ada", null, "+4915112340001", "en", BERLIN);
        Permissions stopped = (type, channel) -> !"sms".equals(channel);
        Decider noFallback = new Decider(Duration.ZERO, Duration.ofHours(24), new HeraldProperties.Cap(3, 6),
                new HeraldProperties.Fallback(false, true), QUIET, ALL_RULES);

        assertThat(noHold.decide(candidate(NotificationType.RETURNED, "RETURNED"),
                new Context(phoneOnly, stopped, List.of(), 0, 0), AFTERNOON).state())
                .isEqualTo(DecisionState.SUPPRESSED);
        assertThat(noFallback.decide(candidate(NotificationType.RETURNED, "RETURNED"),
                new Context(ADA, stopped, List.of(), 0, 0), AFTERNOON).sendNow())
                .as("email is allowed by the preferences: no fallback needed").containsExactly("email");
        assertThat(noFallback.decide(candidate(NotificationType.RETURNED, "RETURNED"),
                new Context(ADA, (type, channel) -> false, List.of(), 0, 0), AFTERNOON).state())
                .isEqualTo(DecisionState.SUPPRESSED);
    }

    @Test
    void aSuppressedAddressIsNamedAsSuchAndACriticalAlertTakesTheOtherChannel() {
        Recipient numberRefused = new Recipient("SO-1", "C-1", "Ada", "ada@example.com", "+4915112340001",
                "en", BERLIN, Set.of("sms"));
        Recipient bothSuppressed = new Recipient("SO-1", "C-1", "Ada", "ada@example.com", "+4915112340001",
                "en", BERLIN, Set.of("email", "sms"));
        Permissions smsOnly = (type, channel) -> "sms".equals(channel);

        Outcome shipped = noHold.decide(candidate(NotificationType.SHIPPED, "IN_TRANSIT"),
                new Context(numberRefused, smsOnly, List.of(), 0, 0), AFTERNOON);
        Outcome returned = noHold.decide(candidate(NotificationType.RETURNED, "RETURNED"),
                new Context(numberRefused, smsOnly, List.of(), 0, 0), AFTERNOON);
        Outcome nowhere = noHold.decide(candidate(NotificationType.RETURNED, "RETURNED"),
                new Context(bothSuppressed, Permissions.ALL, List.of(), 0, 0), AFTERNOON);

        assertThat(shipped.state()).isEqualTo(DecisionState.SUPPRESSED);
        assertThat(shipped.reason()).contains("sms: number refused by Twilio").doesNotContain("no address");
        assertThat(returned.sendNow()).as("the critical alert goes by email instead").containsExactly("email");
        assertThat(nowhere.state()).isEqualTo(DecisionState.SUPPRESSED);
        assertThat(nowhere.reason()).contains("email: address suppressed (bounce or complaint)",
                "sms: number refused by Twilio");
    }

    private static Decider withPush() {
        return new Decider(Duration.ZERO, Duration.ofHours(24), new HeraldProperties.Cap(3, 6),
                new HeraldProperties.Fallback(true, false), QUIET, ALL_RULES, List.of("email", "sms", "push"));
    }

    @Test
    void pushGoesToACustomerWhoChoseItWhenTheChannelIsConfigured() {
        Outcome outcome = withPush().decide(candidate(NotificationType.SHIPPED, "IN_TRANSIT"), context(List.of()),
                AFTERNOON);

        assertThat(outcome.sendNow()).containsExactly("email", "sms", "push");
        assertThat(ADA.address("push")).isEqualTo("C-1");
    }

    @Test
    void pushIsNeverDecidedWhenTheChannelIsNotConfigured() {
        Outcome outcome = noHold.decide(candidate(NotificationType.SHIPPED, "IN_TRANSIT"), context(List.of()),
                AFTERNOON);

        assertThat(outcome.sendNow()).doesNotContain("push");
    }

    @Test
    void customerWithoutPushChosenGetsNoneAndTheReasonStaysQuietAboutIt() {
        Permissions pushOff = (type, channel) -> !"push".equals(channel);

        Outcome outcome = withPush().decide(candidate(NotificationType.SHIPPED, "IN_TRANSIT"),
                new Context(ADA, pushOff, List.of(), 0, 0), AFTERNOON);

        assertThat(outcome.sendNow()).containsExactly("email", "sms");
        assertThat(outcome.reason()).isNull();
    }

    @Test
    void criticalAlertCarriedByPushAloneNeedsNoEmailFallback() {
        Permissions pushOnly = (type, channel) -> "push".equals(channel);

        Outcome delayed = withPush().decide(candidate(NotificationType.DELAYED, "EXCEPTION"),
                new Context(ADA, pushOnly, List.of(), 0, 0), AFTERNOON);

        assertThat(delayed.sendNow()).containsExactly("push");
    }

    @Test
    void nightTimeSmsIsDeferredToTheMorningInTheRecipientsZoneWhileEmailGoesNow() {
        Outcome outcome = noHold.decide(candidate(NotificationType.SHIPPED, "IN_TRANSIT"), context(List.of()), NIGHT);

        assertThat(outcome.state()).isEqualTo(DecisionState.DEFERRED);
        assertThat(outcome.sendNow()).containsExactly("email");
        assertThat(outcome.later()).containsExactly("sms");
        assertThat(outcome.dueAt()).isEqualTo(Instant.parse("2026-03-04T07:00:00Z"));
        assertThat(outcome.reason()).contains("2026-03-04T08:00", "Europe/Berlin");
    }

    @Test
    void criticalAlertAtNightIsSentWhenTheSettingSaysSo() {
        QuietHours send = new QuietHours(LocalTime.of(21, 0), LocalTime.of(8, 0), Set.of("sms"),
                QuietHours.Critical.SEND, BERLIN);

        Outcome deferred = noHold.decide(candidate(NotificationType.DELAYED, "EXCEPTION"), context(List.of()), NIGHT);
        Outcome sent = decider(Duration.ZERO, send, ALL_RULES).decide(candidate(NotificationType.DELAYED,
                "EXCEPTION"), context(List.of()), NIGHT);

        assertThat(deferred.later()).containsExactly("sms");
        assertThat(sent.sendNow()).containsExactly("email", "sms");
    }

    @Test
    void deferredSmsGoesInTheMorningOnlyIfStillCurrent() {
        Candidate shipped = candidate(NotificationType.SHIPPED, "IN_TRANSIT");
        Due due = new Due("d-1", shipped, DecisionState.DEFERRED, List.of("sms"),
                Instant.parse("2026-03-04T07:00:00Z"), NIGHT);
        Instant morning = Instant.parse("2026-03-04T07:00:00Z");

        Outcome sent = noHold.release(due, context(List.of()), new SubjectNow("IN_TRANSIT", null, AFTERNOON), morning);
        Outcome superseded = noHold.release(due, context(List.of()),
                new SubjectNow("OUT_FOR_DELIVERY", null, morning), morning);

        assertThat(sent.state()).isEqualTo(DecisionState.DECIDED);
        assertThat(sent.sendNow()).containsExactly("sms");
        assertThat(superseded.state()).isEqualTo(DecisionState.SUPERSEDED);
    }

    @Test
    void aWaitReleasedAtTheCapMakesAWeakerPendingDecisionGiveWayAsANewDecisionDoes() {
        Candidate shipped = candidate(NotificationType.SHIPPED, "IN_TRANSIT");
        Due waiting = new Due("d-shipped", shipped, DecisionState.AWAITING_CUSTOMER, List.of(),
                AFTERNOON.plus(Duration.ofHours(23)), AFTERNOON.minus(Duration.ofHours(1)));
        Prior eta = prior("d-eta", NotificationType.ETA_CHANGED, DecisionState.HELD, "IN_TRANSIT",
                AFTERNOON.minusSeconds(20));

        Outcome outcome = holding.release(waiting, new Context(ADA, Permissions.ALL, List.of(eta), 3, 6),
                new SubjectNow("IN_TRANSIT", null, AFTERNOON), AFTERNOON);

        assertThat(outcome.state()).isEqualTo(DecisionState.DECIDED);
        assertThat(outcome.sendNow()).containsExactly("email", "sms");
        assertThat(outcome.retire()).singleElement().satisfies(r -> {
            assertThat(r.decisionId()).isEqualTo("d-eta");
            assertThat(r.state()).isEqualTo(DecisionState.SUPPRESSED);
            assertThat(r.reason()).contains("made way for shipped");
        });
    }

    @Test
    void aDeferredCriticalSmsThatCanNoLongerGoFallsBackToEmailWhenNothingWentOut() {
        Candidate delayed = candidate(NotificationType.DELAYED, "EXCEPTION");
        Due due = new Due("d-1", delayed, DecisionState.DEFERRED, List.of("sms"),
                Instant.parse("2026-03-04T07:00:00Z"), NIGHT);
        Permissions smsOnlyAndStopped = (type, channel) -> false;

        Outcome outcome = noHold.release(due, new Context(ADA, smsOnlyAndStopped, List.of(), 0, 0),
                new SubjectNow("EXCEPTION", null, AFTERNOON), Instant.parse("2026-03-04T07:00:00Z"));

        assertThat(outcome.state()).isEqualTo(DecisionState.DECIDED);
        assertThat(outcome.sendNow()).containsExactly("email");
        assertThat(outcome.reason()).contains("email: fallback for a critical alert");
    }

    @Test
    void heldDecisionReleasedAfterTheCustomerStoppedSmsGoesByEmailOnly() {
        Candidate shipped = candidate(NotificationType.SHIPPED, "IN_TRANSIT");
        Due due = new Due("d-1", shipped, DecisionState.HELD, List.of(), AFTERNOON,
                AFTERNOON.minus(Duration.ofMinutes(2)));
        Permissions stopped = (type, channel) -> !"sms".equals(channel);

        Outcome outcome = holding.release(due, new Context(ADA, stopped, List.of(), 0, 0),
                new SubjectNow("IN_TRANSIT", null, AFTERNOON), AFTERNOON);

        assertThat(outcome.sendNow()).containsExactly("email");
    }

    @Test
    void whatStaysCurrentDependsOnTheType() {
        Instant scan = AFTERNOON.minusSeconds(600);
        Instant eta = AFTERNOON.plus(Duration.ofDays(1));
        Candidate confirmed = new Candidate(NotificationType.ORDER_CONFIRMED, "r", "order:SO-1", "PLACED", scan, null,
                null);
        Candidate etaChanged = new Candidate(NotificationType.ETA_CHANGED, "r", SUBJECT, "IN_TRANSIT", scan, null, eta);
        Candidate stalled = new Candidate(NotificationType.STALLED, "r", SUBJECT, "IN_TRANSIT", scan, null, null);

        assertThat(Decider.isCurrent(confirmed, new SubjectNow("PAID", null, AFTERNOON))).isTrue();
        assertThat(Decider.isCurrent(confirmed, new SubjectNow("CANCELLED", null, AFTERNOON))).isFalse();
        assertThat(Decider.isCurrent(etaChanged, new SubjectNow("IN_TRANSIT", eta, AFTERNOON))).isTrue();
        assertThat(Decider.isCurrent(etaChanged, new SubjectNow("IN_TRANSIT", eta.plusSeconds(86400), AFTERNOON)))
                .isFalse();
        assertThat(Decider.isCurrent(stalled, new SubjectNow("IN_TRANSIT", null, scan))).isTrue();
        assertThat(Decider.isCurrent(stalled, new SubjectNow("IN_TRANSIT", null, AFTERNOON)))
                .as("a new scan ends the stall").isFalse();
        assertThat(Decider.isCurrent(stalled, null)).isFalse();
    }

    @Test
    void whyADecisionIsOutOfDateNamesItsSubjectAndWhatItIsNow() {
        Candidate confirmed = new Candidate(NotificationType.ORDER_CONFIRMED, "r", "order:SO-1", "PLACED", AFTERNOON,
                null, null);
        Candidate outForDelivery = new Candidate(NotificationType.OUT_FOR_DELIVERY, "r", SUBJECT, "OUT_FOR_DELIVERY",
                AFTERNOON, null, null);

        assertThat(Decider.outOfDate(confirmed, new SubjectNow("PAID", null, AFTERNOON))).isEmpty();
        assertThat(Decider.outOfDate(confirmed, new SubjectNow("CANCELLED", null, AFTERNOON)))
                .contains("out of date: the order is now CANCELLED");
        assertThat(Decider.outOfDate(outForDelivery, new SubjectNow("DELIVERED", null, AFTERNOON)))
                .contains("out of date: the shipment is now DELIVERED");
        assertThat(Decider.outOfDate(outForDelivery, null)).contains("out of date: the shipment is now unknown");
    }
}
