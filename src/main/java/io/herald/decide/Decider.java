package io.herald.decide;

import io.herald.config.HeraldProperties;
import io.herald.decide.Decisions.Candidate;
import io.herald.decide.Decisions.Context;
import io.herald.decide.Decisions.Due;
import io.herald.decide.Decisions.Outcome;
import io.herald.decide.Decisions.Prior;
import io.herald.decide.Decisions.Retired;
import io.herald.decide.Decisions.SubjectNow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The decide stage's policies, in pure code: repeats, waiting for the customer, hold and supersede, the fatigue cap,
 * preferences and fallback, and quiet hours. It takes plain values and the time, and returns a plain
 * {@link Outcome}; loading and writing are {@link DecisionStore}'s. Each policy is documented in docs/decide.md.
 */
public final class Decider {

    /** The channels every run has; push joins them when herald.channels.push.url is set. */
    static final List<String> CHANNELS = List.of("email", "sms");
    /**
     * Channels a customer has only by choosing them (preferences {@code channels.push}, off by default): their
     * absence is the normal path, and a decision does not note it in its reason.
     */
    private static final Set<String> OPT_IN = Set.of("push");
    private static final Set<String> ORDER_STILL_CONFIRMED = Set.of("PLACED", "PAID", "FULFILLED", "ON_HOLD");
    private static final Set<String> FINAL = Set.of("DELIVERED", "RETURNED", "EXPIRED");

    private final Duration hold;
    private final Duration awaitCustomer;
    private final HeraldProperties.Cap cap;
    private final HeraldProperties.Fallback fallback;
    private final QuietHours quietHours;
    private final RuleSettings rules;
    private final List<String> channels;

    public Decider(Duration hold, Duration awaitCustomer, HeraldProperties.Cap cap, HeraldProperties.Fallback fallback,
                   QuietHours quietHours, RuleSettings rules) {
        this(hold, awaitCustomer, cap, fallback, quietHours, rules, CHANNELS);
    }

    /** @param channels the channels configured in this run: email and sms, and push when it has a URL */
    public Decider(Duration hold, Duration awaitCustomer, HeraldProperties.Cap cap, HeraldProperties.Fallback fallback,
                   QuietHours quietHours, RuleSettings rules, List<String> channels) {
        this.channels = List.copyOf(channels);
        this.hold = hold;
        this.awaitCustomer = awaitCustomer;
        this.cap = cap;
        this.fallback = fallback;
        this.quietHours = quietHours;
        this.rules = rules;
    }

    /** A new decision, for a notification the trigger rules chose. */
    public Outcome decide(Candidate candidate, Context context, Instant now) {
        NotificationType type = candidate.type();
        if (!rules.enabled(type)) {
            return Outcome.notSent(DecisionState.SUPPRESSED,
                    "rule " + type.wire() + " is switched off (herald.rules." + type.wire() + ".enabled)", List.of());
        }
        // a deferred decision whose email went out while its SMS waits has told the customer too
        Optional<Prior> lastSent = context.prior().stream()
                .filter(p -> p.type() == type && p.told())
                .reduce((first, second) -> second);
        if (lastSent.isPresent() && !repeatAllowed(candidate, lastSent.get(), context.prior())) {
            return Outcome.notSent(DecisionState.DROPPED, type.wire() + " was already sent for this "
                    + subjectNoun(candidate) + " (decision " + lastSent.get().id() + ")", List.of());
        }
        List<Retired> retire = new ArrayList<>();
        Instant windowStart = null;
        for (Prior p : context.prior()) {
            if (!p.state().pending()) {
                continue;
            }
            boolean sameType = p.type() == type;
            boolean olderHeldNews = p.state() == DecisionState.HELD && !p.type().critical()
                    && (!Objects.equals(p.subjectStatus(), candidate.subjectStatus()) || sameType);
            if (sameType || olderHeldNews) {
                String by = "superseded by " + type.wire()
                        + (candidate.subjectStatus() == null ? "" : " (" + candidate.subjectStatus() + ")");
                // one that told the customer on some channel stays DECIDED: only its deferred channels are not sent
                retire.add(p.told() ? new Retired(p.id(), p.type(), DecisionState.DECIDED, "deferred channels not "
                        + "sent: " + by) : new Retired(p.id(), p.type(), DecisionState.SUPERSEDED, by));
                if (p.state() == DecisionState.HELD && p.windowStartedAt() != null
                        && (windowStart == null || p.windowStartedAt().isBefore(windowStart))) {
                    windowStart = p.windowStartedAt();
                }
            }
        }
        if (context.recipient() == null) {
            Instant due = now.plus(awaitCustomer);
            return new Outcome(DecisionState.AWAITING_CUSTOMER, "no customer is known yet for this "
                    + subjectNoun(candidate) + "; waits until " + due, due, null, List.of(), List.of(), retire);
        }
        Optional<Outcome> capped = cap(candidate, context, retire);
        if (capped.isPresent()) {
            return capped.get();
        }
        if (!type.critical() && !hold.isZero()) {
            Instant start = windowStart != null ? windowStart : now;
            Instant due = start.plus(hold);
            if (due.isAfter(now)) {
                return new Outcome(DecisionState.HELD, "held until " + due + " for a newer status", due, start,
                        List.of(), List.of(), retire);
            }
        }
        return send(candidate, context, channels, now, retire, true);
    }

    /**
     * A due row: released to its channels, still waiting, or out of date. A deferred one that told the customer on
     * some channel stays DECIDED when its deferred channels cannot go, with why.
     */
    public Outcome release(Due due, Context context, SubjectNow subject, Instant now) {
        Outcome outcome = released(due, context, subject, now);
        if (!due.told() || outcome.stays() || outcome.state().pending() || outcome.state() == DecisionState.DECIDED) {
            return outcome;
        }
        return new Outcome(DecisionState.DECIDED, String.join(", ", due.pendingChannels()) + " not sent: "
                + outcome.reason(), null, null, List.of(), List.of(), outcome.retire());
    }

    private Outcome released(Due due, Context context, SubjectNow subject, Instant now) {
        Candidate candidate = due.candidate();
        if (due.state() == DecisionState.AWAITING_CUSTOMER && context.recipient() == null) {
            return now.isBefore(due.dueAt()) ? Outcome.STAY : Outcome.notSent(DecisionState.DROPPED,
                    "no customer became known within " + awaitCustomer, List.of());
        }
        Optional<String> outOfDate = outOfDate(candidate, subject);
        if (outOfDate.isPresent()) {
            return Outcome.notSent(DecisionState.SUPERSEDED, outOfDate.get(), List.of());
        }
        List<Retired> retire = new ArrayList<>();
        if (due.state() == DecisionState.AWAITING_CUSTOMER) {
            Optional<Outcome> capped = cap(candidate, context, retire);
            if (capped.isPresent()) {
                return capped.get();
            }
            // the wait for the customer counts towards the hold, and does not replace it: news that came inside
            // the window still waits for a newer status until the window, opened when it was decided, is over
            Instant start = due.decidedAt() != null ? due.decidedAt() : now;
            if (!candidate.type().critical() && !hold.isZero() && start.plus(hold).isAfter(now)) {
                return new Outcome(DecisionState.HELD, "held until " + start.plus(hold) + " for a newer status",
                        start.plus(hold), start, List.of(), List.of(), retire);
            }
        }
        List<String> wanted = due.state() == DecisionState.DEFERRED ? due.pendingChannels() : channels;
        // a critical alert that told the customer nothing yet falls back to email when its channels cannot carry it
        return send(candidate, context, wanted, now, retire, !due.told());
    }

    /**
     * Why a decision no longer says something true about its subject, such as "out of date: the order is now
     * CANCELLED"; empty while it does.
     */
    static Optional<String> outOfDate(Candidate candidate, SubjectNow subject) {
        return isCurrent(candidate, subject) ? Optional.empty() : Optional.of("out of date: the "
                + subjectNoun(candidate) + " is now " + (subject == null ? "unknown" : subject.status()));
    }

    /** Whether a decision still says something true about its subject. */
    static boolean isCurrent(Candidate candidate, SubjectNow subject) {
        if (subject == null) {
            return false;
        }
        return switch (candidate.type()) {
            case ORDER_CONFIRMED -> ORDER_STILL_CONFIRMED.contains(subject.status());
            case ETA_CHANGED -> !FINAL.contains(subject.status()) && Objects.equals(candidate.eta(), subject.eta());
            case STALLED -> Objects.equals(candidate.subjectStatus(), subject.status())
                    && Objects.equals(candidate.eventOccurredAt(), subject.lastEventAt());
            default -> Objects.equals(candidate.subjectStatus(), subject.status());
        };
    }

    /** Whether a type already sent may go again; {@code prior} is in the order the decisions were taken. */
    private static boolean repeatAllowed(Candidate candidate, Prior lastSent, List<Prior> prior) {
        return switch (candidate.type()) {
            // a new delivery attempt after a failed one
            case OUT_FOR_DELIVERY -> prior.subList(prior.indexOf(lastSent) + 1, prior.size()).stream()
                    .anyMatch(p -> p.type() == NotificationType.ATTEMPT_FAILED);
            case DELAYED -> !Objects.equals(candidate.exceptionReason(), lastSent.exceptionReason())
                    || !Objects.equals(candidate.eta(), lastSent.eta());
            // the rule only fires beyond the threshold; a stall is keyed by its last scan, so each stall is new
            case ETA_CHANGED, STALLED -> true;
            default -> false;
        };
    }

    private Optional<Outcome> cap(Candidate candidate, Context context, List<Retired> retire) {
        NotificationType type = candidate.type();
        if (!type.capped()) {
            return Optional.empty();
        }
        Set<String> retiring = new java.util.HashSet<>();
        retire.forEach(r -> retiring.add(r.decisionId()));
        // a pending capped decision that this one supersedes frees its place, unless it told the customer already
        long freed = context.prior().stream().filter(p -> retiring.contains(p.id()) && p.type().capped()
                && (p.state() == DecisionState.HELD || p.state() == DecisionState.DEFERRED) && !p.told()).count();
        boolean shipmentFull = context.shipmentCappedToday() - freed >= cap.perShipmentPerDay();
        boolean customerFull = context.customerCappedToday() - freed >= cap.perCustomerPerDay();
        if (!shipmentFull && !customerFull) {
            return Optional.empty();
        }
        Optional<Prior> weaker = context.prior().stream()
                .filter(p -> p.state() == DecisionState.HELD || p.state() == DecisionState.DEFERRED)
                .filter(p -> p.type().capped() && p.type().rank() < type.rank() && !retiring.contains(p.id())
                        && !p.told())
                .min(Comparator.comparingInt((Prior p) -> p.type().rank()));
        String limit = shipmentFull ? cap.perShipmentPerDay() + " optional messages per shipment and day"
                : cap.perCustomerPerDay() + " optional messages per customer and day";
        if (weaker.isPresent()) {
            List<Retired> all = new ArrayList<>(retire);
            all.add(new Retired(weaker.get().id(), weaker.get().type(), DecisionState.SUPPRESSED,
                    "fatigue cap (" + limit + "): made way for " + type.wire()));
            retire.clear();
            retire.addAll(all);
            return Optional.empty();
        }
        return Optional.of(Outcome.notSent(DecisionState.SUPPRESSED, "fatigue cap: " + limit, retire));
    }

    /** @param mayFallBack whether a critical alert may fall back to email: none of its attempts went out yet */
    private Outcome send(Candidate candidate, Context context, List<String> wanted, Instant now,
                         List<Retired> retire, boolean mayFallBack) {
        NotificationType type = candidate.type();
        Decisions.Recipient recipient = context.recipient();
        List<String> channels = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (String channel : wanted) {
            if (!this.channels.contains(channel)) {
                continue;
            }
            if (recipient.suppressed().contains(channel)) {
                notes.add(suppressedNote(channel));
            } else if (!recipient.has(channel)) {
                note(notes, channel, "no address");
            } else if (!context.permissions().allows(type, channel)) {
                note(notes, channel, "off by preference");
            } else {
                channels.add(channel);
            }
        }
        if (type.critical() && mayFallBack) {
            fallBack(recipient, channels, notes);
        }
        if (channels.isEmpty()) {
            return Outcome.notSent(DecisionState.SUPPRESSED, "no channel: " + String.join(", ", notes), retire);
        }
        List<String> now_ = new ArrayList<>();
        List<String> later = new ArrayList<>();
        for (String channel : channels) {
            (quietHours.holds(channel, type.critical(), now, recipient.zone()) ? later : now_).add(channel);
        }
        String reason = notes.isEmpty() ? null : String.join(", ", notes);
        if (later.isEmpty()) {
            return new Outcome(DecisionState.DECIDED, reason, null, null, now_, later, retire);
        }
        Instant end = quietHours.endAfter(now, recipient.zone());
        String quiet = String.join(", ", later) + " deferred to the end of quiet hours, "
                + QuietHours.local(end, recipient.zone());
        return new Outcome(DecisionState.DEFERRED, reason == null ? quiet : reason + "; " + quiet, end, null,
                now_, later, retire);
    }

    /**
     * A critical alert that none of the customer's channels can carry (SMS stopped, no phone, SMS-only by choice)
     * goes by email when {@code herald.notifications.fallback.sms-to-email} allows; never by SMS against a STOP or
     * the customer's choice. An email unsubscribe does not reach critical alerts (the preferences allow them).
     */
    private void fallBack(Decisions.Recipient recipient, List<String> channels, List<String> notes) {
        if (channels.isEmpty() && fallback.smsToEmail() && recipient.has("email")) {
            channels.add("email");
            notes.add("email: fallback for a critical alert");
        }
    }

    /** The note of a channel left out because its address is on its suppression list. */
    static String suppressedNote(String channel) {
        return channel + ": " + ("sms".equals(channel) ? "number refused by Twilio"
                : "address suppressed (bounce or complaint)");
    }

    private static void note(List<String> notes, String channel, String why) {
        if (!OPT_IN.contains(channel)) {
            notes.add(channel + ": " + why);
        }
    }

    private static String subjectNoun(Candidate candidate) {
        return candidate.subjectKey().startsWith("order:") ? "order" : "shipment";
    }
}
