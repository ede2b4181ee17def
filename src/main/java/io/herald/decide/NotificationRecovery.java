package io.herald.decide;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.herald.decide.DecisionStore.DueRow;
import io.herald.decide.DecisionStore.Loaded;
import io.herald.decide.Decisions.Recipient;
import io.herald.notify.Attempts;
import io.herald.notify.Notification;
import io.herald.notify.NotificationLog;
import io.herald.notify.OutboundMessage;
import io.herald.notify.OutboundPublisher;
import io.herald.ops.HeraldMetrics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What an operator does with a notification that did not reach the customer: records what the provider's own log says
 * of one handed over without an answer ({@link #reconcile}), sends a failed one again ({@link #retry}), and, after
 * lifting a suppression, sends the news it kept from the customer ({@link #sendWhatTheSuppressionKept}).
 *
 * <p>An operator sends a failed notification again once its cause is mended: a sender number Twilio did not take, a
 * relay that refused Herald, a mailbox the customer has mended (docs/operations.md, "Sending a failed notification
 * again"). Only a FAILED or UNDELIVERED attempt goes again, and only while it would still be the right message: its
 * news is current ({@link Decider#isCurrent}), it is not older than {@code herald.notifications.retry-within}, its
 * decision did not fall back to the other channel, and its address is still the customer's, allowed and on no
 * suppression list. It goes back to DECIDED with one conditional update, so that of two calls, on any number of
 * instances, one sends it; the channel then hands it over as any other (quiet hours, the sender's rate, the late
 * hand-off's currency check).
 */
@Component
public class NotificationRecovery {

    private static final Logger LOG = LoggerFactory.getLogger(NotificationRecovery.class);
    private static final Set<String> RETRIABLE = Set.of("FAILED", "UNDELIVERED");
    private static final Set<String> GAVE_UP = Set.of("FAILED", "UNDELIVERED", "SUPERSEDED");

    /** Why an attempt is not sent again; {@code type} names its problem+json type. */
    public enum Refusal {
        UNKNOWN("unknown-notification"),
        NOT_FAILED("not-failed"),
        NOT_UNKNOWN("not-unknown"),
        TOO_OLD("too-old"),
        OUT_OF_DATE("out-of-date"),
        FELL_BACK("fell-back"),
        RECIPIENT_UNAVAILABLE("recipient-unavailable");

        private final String type;

        Refusal(String type) {
            this.type = type;
        }

        public String type() {
            return type;
        }
    }

    /** The outcome for one attempt: done (sent again, reconciled; no refusal), or why not. */
    public record Outcome(String id, String channel, Refusal refusal, String detail) {

        public boolean done() {
            return refusal == null;
        }
    }

    /**
     * A group's outcomes, in the order of their attempts; {@code next} is where a further call goes on from (the last
     * attempt's creation) while {@code more} says the group had more attempts than this call took.
     */
    public record GroupOutcome(List<Outcome> outcomes, boolean more, OffsetDateTime next) {
    }

    private final NotificationLog log;
    private final DecisionStore store;
    private final TransactionTemplate transactions;
    private final OutboundPublisher publisher;
    private final Attempts attempts;
    private final HeraldMetrics metrics;
    private final ObjectMapper json;
    private final Clock clock;
    private final Duration retryWithin;

    public NotificationRecovery(NotificationLog log, DecisionStore store, TransactionTemplate transactions,
                                OutboundPublisher publisher, Attempts attempts, HeraldMetrics metrics,
                                ObjectMapper json, Clock clock,
                                @Value("${herald.notifications.retry-within:24h}") String retryWithin) {
        this.log = log;
        this.store = store;
        this.transactions = transactions;
        this.publisher = publisher;
        this.attempts = attempts;
        this.metrics = metrics;
        this.json = json;
        this.clock = clock;
        this.retryWithin = DurationStyle.detectAndParse(retryWithin);
    }

    /** Sends the attempt again, or says why not. */
    public Outcome retry(String attemptId) {
        return retry(attemptId, false);
    }

    /** Sends the attempt again, or says why not; in a dry run, says whether it would, and changes nothing. */
    private Outcome retry(String attemptId, boolean dryRun) {
        record Taken(Outcome outcome, Notification again) {
        }
        Taken taken = transactions.execute(tx -> {
            Optional<Notification> found = log.findById(attemptId);
            if (found.isEmpty()) {
                return new Taken(new Outcome(attemptId, null, Refusal.UNKNOWN, "Herald has no such notification."),
                        null);
            }
            Notification failed = found.get();
            Optional<Outcome> refused = refusal(failed);
            if (refused.isPresent() || dryRun) {
                return new Taken(refused.orElse(new Outcome(failed.id(), failed.channel(), null, null)), null);
            }
            Instant now = clock.instant();
            if (!log.retry(failed.id(), failed.channel(), "sent again by an operator; it had failed: "
                    + failed.failureReason())) {
                return new Taken(notFailed(failed.id(), failed.channel(), "moved on meanwhile"), null);
            }
            store.note(failed.decisionId(), failed.channel() + " sent again by an operator", now);
            return new Taken(new Outcome(failed.id(), failed.channel(), null, null), failed);
        });
        if (taken.again() != null) {
            LOG.info("Notification {} ({}) sent again by an operator", attemptId, taken.again().channel());
            publisher.publish(List.of(OutboundMessage.of(taken.again(), clock.millis())));
        }
        return taken.outcome();
    }

    /**
     * Records what the provider's own log says of an attempt handed over without an answer (UNKNOWN: Twilio's
     * message log, the relay's log by the mail's Message-ID): {@code sent}, with the provider's id when given, makes it
     * SENT; otherwise it is FAILED, and may then be sent again ({@link #retry}). Not a fallback: the operator decides.
     */
    public Outcome reconcile(String attemptId, boolean sent, String providerId) {
        return transactions.execute(tx -> {
            Optional<Notification> found = log.findById(attemptId);
            if (found.isEmpty()) {
                return new Outcome(attemptId, null, Refusal.UNKNOWN, "Herald has no such notification.");
            }
            Notification attempt = found.get();
            String reason = sent ? "handed over: the provider has it (reconciled by an operator)"
                    : "not handed over: the provider has no such message (reconciled by an operator); before: "
                            + attempt.failureReason();
            if (!"UNKNOWN".equals(attempt.state())
                    || !log.reconcile(attempt.id(), attempt.channel(), sent, providerId, reason)) {
                return new Outcome(attempt.id(), attempt.channel(), Refusal.NOT_UNKNOWN, "Only a notification "
                        + "handed over without an answer (UNKNOWN) is reconciled; it is " + attempt.state() + ".");
            }
            if (attempt.decisionId() != null) {
                store.note(attempt.decisionId(), attempt.channel() + (sent ? " sent" : " not sent")
                        + " (reconciled by an operator)", clock.instant());
            }
            LOG.info("Notification {} ({}) reconciled by an operator: {}", attempt.id(), attempt.channel(),
                    sent ? "SENT" : "FAILED");
            return new Outcome(attempt.id(), attempt.channel(), null, null);
        });
    }

    /**
     * After an operator lifted the customer's suppression of {@code channel}: sends by it the newest news of each of
     * their orders that reached no one because of the suppression (a SUPPRESSED decision whose only way was that
     * channel), of an event within {@code herald.notifications.retry-within}, while it is still true and the customer
     * takes it by that channel. Only the newest decision of an order is sent, whatever became of the others: the
     * customer gets where things stand, once.
     * Each decision becomes DECIDED with one conditional update and gets its attempt; the outcomes name decisions.
     */
    public List<Outcome> sendWhatTheSuppressionKept(String customerId, String channel) {
        List<Outcome> outcomes = new ArrayList<>();
        for (String kept : store.keptBySuppression(customerId, channel, clock.instant().minus(retryWithin))) {
            record Released(Outcome outcome, List<OutboundMessage> messages) {
            }
            Released released = transactions.execute(tx -> {
                Optional<Told> told = told(kept);
                Optional<Outcome> refused = keptRefusal(kept, channel, told);
                if (refused.isPresent()) {
                    return new Released(refused.get(), List.of());
                }
                Instant now = clock.instant();
                if (!store.releaseSuppressed(kept, now)) {
                    return new Released(new Outcome(kept, channel, Refusal.NOT_FAILED,
                            "Sent meanwhile, by another call."), List.of());
                }
                DueRow decision = told.get().decision();
                store.note(kept, channel + " sent after its suppression was lifted", now);
                metrics.decision(decision.due().candidate().type().wire(), DecisionState.DECIDED.name());
                return new Released(new Outcome(kept, channel, null, null), attempts.create(kept,
                        decision.subject(), NotificationDecisions.readFacts(json, decision.facts()),
                        told.get().subject().recipient(), List.of(channel), now, now.toEpochMilli()));
            });
            outcomes.add(released.outcome());
            if (!released.messages().isEmpty()) {
                LOG.info("Decision {} sent by {} after its suppression was lifted", kept, channel);
                publisher.publish(released.messages());
            }
        }
        return List.copyOf(outcomes);
    }

    /** A decision and its subject as they stand now, read once for the checks and the sending. */
    private record Told(DueRow decision, Loaded subject) {
    }

    /** The decision with its subject; empty when either is no longer recorded. */
    private Optional<Told> told(String decisionId) {
        return Optional.ofNullable(decisionId).flatMap(store::find)
                .flatMap(d -> store.subject(d.subject()).map(subject -> new Told(d, subject)));
    }

    /** Why a decision the suppression kept must not go now; empty when it may. */
    private Optional<Outcome> keptRefusal(String decisionId, String channel, Optional<Told> told) {
        if (told.isEmpty() || !Decider.isCurrent(told.get().decision().due().candidate(), told.get().subject().now())) {
            return Optional.of(new Outcome(decisionId, channel, Refusal.OUT_OF_DATE, "Not true any more."));
        }
        NotificationType type = told.get().decision().due().candidate().type();
        Recipient recipient = told.get().subject().recipient();
        if (recipient == null || !recipient.has(channel) || !told.get().subject().permissions().allows(type, channel)) {
            return Optional.of(new Outcome(decisionId, channel, Refusal.RECIPIENT_UNAVAILABLE, "The customer's "
                    + noun(channel) + " is suppressed, gone, or no longer takes " + type.wire() + "."));
        }
        return Optional.empty();
    }

    /**
     * Sends again the failed attempts of a channel recorded since {@code since} whose failure reason contains
     * {@code reason} (any, when null or blank), oldest first, at most {@code limit} of them; a dry run says which it
     * would send, and changes nothing.
     */
    public GroupOutcome retryAll(String channel, OffsetDateTime since, String reason, int limit, boolean dryRun) {
        List<NotificationLog.Failed> group = log.failedSince(channel, since, reason, limit + 1);
        List<Outcome> outcomes = new ArrayList<>();
        for (NotificationLog.Failed failed : group.subList(0, Math.min(limit, group.size()))) {
            outcomes.add(retry(failed.id(), dryRun));
        }
        boolean more = group.size() > limit;
        OffsetDateTime next = group.isEmpty() ? since : group.get(Math.min(limit, group.size()) - 1).createdAt();
        return new GroupOutcome(List.copyOf(outcomes), more, next);
    }

    /** Why the attempt must not go again; empty when it may. */
    private Optional<Outcome> refusal(Notification failed) {
        String id = failed.id();
        String channel = failed.channel();
        if (!RETRIABLE.contains(failed.state())) {
            return Optional.of(notFailed(id, channel, "it is " + failed.state()
                    + ("SENT".equals(failed.state()) || "DELIVERED".equals(failed.state())
                            ? "; a message handed over is never sent again" : "")));
        }
        OffsetDateTime happened = failed.eventOccurredAt() != null ? failed.eventOccurredAt() : failed.createdAt();
        if (happened.toInstant().isBefore(clock.instant().minus(retryWithin))) {
            return refuse(failed, Refusal.TOO_OLD, "Its news is from " + happened.toInstant()
                    + ", more than herald.notifications.retry-within (" + retryWithin + ") ago.");
        }
        Optional<Told> told = told(failed.decisionId());
        Optional<String> outOfDate = told.isEmpty() ? Optional.of("its decision or its subject is no longer recorded")
                : Decider.outOfDate(told.get().decision().due().candidate(), told.get().subject().now());
        if (outOfDate.isPresent()) {
            return refuse(failed, Refusal.OUT_OF_DATE, "Not true any more: " + outOfDate.get() + ".");
        }
        Optional<Notification> fallback = log.attemptsOf(failed.decisionId()).stream()
                .filter(other -> !channel.equals(other.channel()) && other.createdAt().isAfter(failed.createdAt())
                        && !GAVE_UP.contains(other.state()))
                .findFirst();
        if (fallback.isPresent()) {
            return refuse(failed, Refusal.FELL_BACK, "Its decision fell back to " + fallback.get().channel()
                    + ", which told the customer.");
        }
        return recipientGone(failed, told.get());
    }

    /** Why the attempt's address may not be written to now; empty when it may. */
    private Optional<Outcome> recipientGone(Notification failed, Told told) {
        String channel = failed.channel();
        DueRow decision = told.decision();
        Recipient recipient = told.subject().recipient();
        if (recipient == null) {
            return refuse(failed, Refusal.RECIPIENT_UNAVAILABLE, "Herald no longer knows whom to tell.");
        }
        if (recipient.suppressed().contains(channel)) {
            return refuse(failed, Refusal.RECIPIENT_UNAVAILABLE, "The customer's " + noun(channel)
                    + " is suppressed; lift the suppression first, once the customer has mended it.");
        }
        if (!failed.recipient().equalsIgnoreCase(String.valueOf(recipient.address(channel)))) {
            return refuse(failed, Refusal.RECIPIENT_UNAVAILABLE, "The customer's " + noun(channel)
                    + " is no longer the one it was sent to.");
        }
        if (!told.subject().permissions().allows(decision.due().candidate().type(), channel)) {
            return refuse(failed, Refusal.RECIPIENT_UNAVAILABLE, "The customer no longer takes "
                    + decision.due().candidate().type().wire() + " by " + channel + ".");
        }
        return Optional.empty();
    }

    private static Outcome notFailed(String id, String channel, String why) {
        return new Outcome(id, channel, Refusal.NOT_FAILED, "Only a failed notification is sent again; " + why + ".");
    }

    private static Optional<Outcome> refuse(Notification failed, Refusal refusal, String detail) {
        return Optional.of(new Outcome(failed.id(), failed.channel(), refusal, detail));
    }

    private static String noun(String channel) {
        return switch (channel) {
            case "sms" -> "phone number";
            case "email" -> "email address";
            default -> channel + " address";
        };
    }
}
