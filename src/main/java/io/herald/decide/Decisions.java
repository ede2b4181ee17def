package io.herald.decide;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;

/** The plain values a decision is made from and ends in. No Spring, no SQL: see {@link Decider}. */
public final class Decisions {

    private Decisions() {
    }

    /**
     * A notification the trigger rules chose, for a subject in a given state.
     *
     * @param subjectStatus the status of the shipment or order the notification announces
     * @param eta           the estimated delivery it announces, or null
     */
    public record Candidate(NotificationType type, String rule, String subjectKey, String subjectStatus,
                            Instant eventOccurredAt, String exceptionReason, Instant eta) {
    }

    /**
     * A decision taken earlier for the same subject, as the repeat, hold and cap rules need it.
     *
     * @param told whether it told the customer on some channel: DECIDED, or DEFERRED with an attempt that went out or
     *             still may (its email went at once while its SMS waits for the quiet hours' end)
     */
    public record Prior(String id, NotificationType type, DecisionState state, String subjectStatus,
                        String exceptionReason, Instant eta, Instant createdAt, Instant windowStartedAt,
                        boolean told) {

        /** One that told the customer if and only if it is DECIDED. */
        public Prior(String id, NotificationType type, DecisionState state, String subjectStatus,
                     String exceptionReason, Instant eta, Instant createdAt, Instant windowStartedAt) {
            this(id, type, state, subjectStatus, exceptionReason, eta, createdAt, windowStartedAt,
                    state == DecisionState.DECIDED);
        }
    }

    /**
     * Who is told, where, and in which zone. A push goes to the customer id, which the app backend knows. A channel in
     * {@code suppressed} (its address is on a suppression list: an email that bounced hard or complained, a number
     * Twilio refused) has no address to send to, and a decision can say why it went without it.
     */
    public record Recipient(String orderId, String customerId, String name, String email, String phone,
                            String locale, ZoneId zone, Set<String> suppressed) {

        public Recipient {
            suppressed = Set.copyOf(suppressed);
        }

        public Recipient(String orderId, String customerId, String name, String email, String phone, String locale,
                         ZoneId zone) {
            this(orderId, customerId, name, email, phone, locale, zone, Set.of());
        }

        public String address(String channel) {
            if (suppressed.contains(channel)) {
                return null;
            }
            return switch (channel) {
                case "sms" -> phone;
                case "push" -> customerId;
                default -> email;
            };
        }

        public boolean has(String channel) {
            String address = address(channel);
            return address != null && !address.isBlank();
        }
    }

    /** Whether a type may go by a channel for this customer (their preferences, consent and SMS opt-out). */
    @FunctionalInterface
    public interface Permissions {

        boolean allows(NotificationType type, String channel);

        /** Everything allowed: no stored preference restricts the customer. */
        Permissions ALL = (type, channel) -> true;
    }

    /**
     * What a decision is made from, loaded in one go.
     *
     * @param recipient          the customer, or null when not known yet
     * @param permissions        their preferences; {@link Permissions#ALL} when none
     * @param prior              the subject's earlier decisions, in the order they were taken
     * @param shipmentCappedToday optional (capped) decisions for this subject on the recipient's day
     * @param customerCappedToday optional decisions for this customer on the recipient's day
     */
    public record Context(Recipient recipient, Permissions permissions, List<Prior> prior,
                          int shipmentCappedToday, int customerCappedToday) {
    }

    /**
     * A decision row that fell due: held, deferred or awaiting its customer.
     *
     * @param decidedAt when it was decided: a wait for the customer counts towards the hold window
     * @param told      whether an attempt of it went out or still may (a deferred one's email went at once)
     */
    public record Due(String id, Candidate candidate, DecisionState state, List<String> pendingChannels,
                      Instant dueAt, Instant decidedAt, boolean told) {

        /** One of which no attempt went out. */
        public Due(String id, Candidate candidate, DecisionState state, List<String> pendingChannels, Instant dueAt,
                   Instant decidedAt) {
            this(id, candidate, state, pendingChannels, dueAt, decidedAt, false);
        }
    }

    /** A subject as it stands now, to tell whether a due decision is still current. */
    public record SubjectNow(String status, Instant eta, Instant lastEventAt) {
    }

    /** An earlier decision of this type that this one ends, with its new state and why. */
    public record Retired(String decisionId, NotificationType type, DecisionState state, String reason) {
    }

    /**
     * The outcome.
     *
     * @param sendNow        channels to hand the message to now
     * @param later          channels that wait for {@code dueAt} (quiet hours)
     * @param windowStartedAt the start of the subject's hold window, for a held decision
     * @param retire         earlier decisions this one supersedes or displaces
     */
    public record Outcome(DecisionState state, String reason, Instant dueAt, Instant windowStartedAt,
                          List<String> sendNow, List<String> later, List<Retired> retire) {

        /** A due row that stays as it is (its customer is still unknown, and its wait is not over). */
        public static final Outcome STAY = new Outcome(null, null, null, null, List.of(), List.of(), List.of());

        static Outcome notSent(DecisionState state, String reason, List<Retired> retire) {
            return new Outcome(state, reason, null, null, List.of(), List.of(), retire);
        }

        public boolean stays() {
            return state == null;
        }
    }
}
