package io.herald.decide;

import io.herald.support.Names;
import io.herald.support.TimeOrderedIds;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.herald.canonical.CanonicalEvent;
import io.herald.canonical.Order;
import io.herald.canonical.Shipment;
import io.herald.canonical.ShipmentStatus;
import io.herald.decide.DecisionStore.AttemptNews;
import io.herald.decide.DecisionStore.DueRow;
import io.herald.decide.DecisionStore.Loaded;
import io.herald.decide.Decisions.Candidate;
import io.herald.decide.Decisions.Context;
import io.herald.decide.Decisions.Outcome;
import io.herald.decide.Decisions.Retired;
import io.herald.notify.Attempts;
import io.herald.notify.HandOffCurrency;
import io.herald.notify.Notification;
import io.herald.notify.NotificationLog;
import io.herald.notify.OutboundMessage;
import io.herald.ops.HeraldMetrics;
import io.herald.render.MessageFacts;
import io.herald.state.BatchReads;
import io.herald.state.StateStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The decide stage, called by the routes: a notification type the trigger rules chose becomes a decision (load,
 * decide in {@link Decider}, write), and due decisions (held, deferred, waiting for their customer) are released by a
 * timer. Both answer the channel messages to publish on {@code herald.outbound.<channel>}.
 */
@Component("notificationDecisions")
public class NotificationDecisions implements HandOffCurrency {

    private static final Logger LOG = LoggerFactory.getLogger(NotificationDecisions.class);
    private static final int RELEASE_BATCH = 200;

    private final DecisionStore store;
    private final Decider decider;
    private final Attempts attempts;
    private final TransactionTemplate transactions;
    private final ObjectMapper json;
    private final HeraldMetrics metrics;
    private final Clock clock;
    private final NotificationLog notificationLog;
    private final io.herald.config.HeraldProperties.Fallback fallback;
    private final TimeOrderedIds ids;
    /** Attempts the republish sweep takes at a time, {@code herald.notifications.republish-batch}. */
    private final int republishBatch;

    public NotificationDecisions(DecisionStore store, Decider decider, Attempts attempts,
                                 TransactionTemplate transactions, ObjectMapper json, HeraldMetrics metrics,
                                 Clock clock, NotificationLog notificationLog,
                                 io.herald.config.HeraldProperties properties, TimeOrderedIds ids,
                                 @Value("${herald.notifications.republish-batch:200}") int republishBatch) {
        this.ids = ids;
        this.republishBatch = republishBatch;
        this.notificationLog = notificationLog;
        this.fallback = properties.notifications().fallback();
        this.store = store;
        this.decider = decider;
        this.attempts = attempts;
        this.transactions = transactions;
        this.json = json;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** Decides the type the rules chose for the event in the body. */
    public List<OutboundMessage> decide(Exchange exchange) throws InvalidPayloadException {
        Message message = exchange.getMessage();
        CanonicalEvent event = message.getMandatoryBody(CanonicalEvent.class);
        NotificationType type = NotificationType.of(message.getHeader(Names.Header.NOTIFICATION_TYPE, String.class));
        String rule = message.getHeader(Names.Header.RULE, "rule-" + type.wire().replace('_', '-'), String.class);
        String subjectKey = message.getHeader(Names.Header.SUBJECT_KEY, String.class);
        OffsetDateTime previousEta = message.getHeader(Names.Header.PREVIOUS_ETA, OffsetDateTime.class);
        long intakeAt = message.getHeader("kafka.TIMESTAMP", clock.millis(), Long.class);
        Shipment s = event.shipment();
        Candidate candidate = new Candidate(type, rule, subjectKey, message.getHeader(Names.Header.STATUS,
                String.class), event.occurredAt().toInstant(),
                s == null || s.exceptionReason() == null ? null : s.exceptionReason().name(),
                s == null || s.estimatedDelivery() == null ? null : s.estimatedDelivery().toInstant());
        Optional<BatchReads> reads = BatchReads.firstRead(exchange, BatchReads.Step.DECISION, event.fingerprint(),
                subjectKey);
        return decide(candidate, event.fingerprint(), facts(event, type, previousEta), intakeAt, reads);
    }

    /**
     * What an event that came again as a duplicate decided when it was first read, and may never have published: its
     * batch committed, but its instance stopped before it published and committed its offsets (a kill, a crash), so
     * the event comes again to the partition's next owner. Its attempts still DECIDED go out now rather than after
     * the republish sweep's {@code herald.notifications.republish-after}; not one its channel deferred, set aside or
     * held for the recipient's quiet hours, which the sweep takes in their time. A copy of one that went out after
     * all is harmless, as its channel hands an attempt over only from DECIDED.
     */
    public List<OutboundMessage> unsentOfDuplicate(Exchange exchange) throws InvalidPayloadException {
        Message message = exchange.getMessage();
        CanonicalEvent event = message.getMandatoryBody(CanonicalEvent.class);
        return attempts.unsentOfTrigger(StateStore.subjectKeyOf(event), event.fingerprint(),
                message.getHeader("kafka.TIMESTAMP", clock.millis(), Long.class));
    }

    /** Decides a candidate that Herald derived itself (stalled), or that the rules chose. */
    public List<OutboundMessage> decide(Candidate candidate, String triggerFingerprint, MessageFacts facts,
                                        long intakeAt) {
        return decide(candidate, triggerFingerprint, facts, intakeAt, Optional.empty());
    }

    /** Decides, with the decision already taken for this trigger read ahead by its batch when it could be. */
    private List<OutboundMessage> decide(Candidate candidate, String triggerFingerprint, MessageFacts facts,
                                         long intakeAt, Optional<BatchReads> reads) {
        return transactions.execute(tx -> {
            Optional<String> existing = reads.isPresent()
                    ? reads.get().decision(candidate.subjectKey(), candidate.type().wire(), triggerFingerprint)
                    : store.existing(candidate, triggerFingerprint);
            if (existing.isPresent()) {
                return attempts.unsent(existing.get(), intakeAt);
            }
            Instant now = clock.instant();
            Subject subject = Subject.of(candidate.subjectKey());
            Optional<Loaded> loaded = store.subject(subject);
            Context context = store.context(subject, candidate.type(), loaded, now);
            Outcome outcome = decider.decide(candidate, context, now);
            String id = ids.next();
            String orderId = facts.orderId() != null ? facts.orderId() : loaded.map(Loaded::orderId).orElse(null);
            List<Retired> ended = store.insert(id, candidate, triggerFingerprint, subject, orderId, write(facts),
                    outcome, context.recipient(), now);
            count(candidate.type(), outcome, ended);
            return attempts.create(id, subject, facts, context.recipient(), outcome.sendNow(), now, intakeAt);
        });
    }

    /**
     * Releases what is due: held and deferred decisions whose time has come, and decisions waiting for a customer
     * who is now known (or whose wait is over). Each row is claimed first, so two instances never release it twice.
     */
    public List<OutboundMessage> releaseDue() {
        Instant now = clock.instant();
        return releaseClaimed(store.due(now, RELEASE_BATCH), now);
    }

    /**
     * Releases the decisions that waited for the order or customer an event just made known (its subject key,
     * {@code order:<id>} or {@code customer:<id>}): only that customer's rows, not a sweep of every due one.
     */
    public List<OutboundMessage> releaseAwaiting(String subjectKey) {
        String orderId = subjectKey.startsWith("order:") ? subjectKey.substring("order:".length()) : null;
        String customerId = subjectKey.startsWith("customer:") ? subjectKey.substring("customer:".length()) : null;
        if (orderId == null && customerId == null) {
            return List.of();
        }
        return releaseClaimed(store.awaitingFor(orderId, customerId), clock.instant());
    }

    private List<OutboundMessage> releaseClaimed(List<String> ids, Instant now) {
        List<OutboundMessage> outbound = new ArrayList<>();
        for (String id : ids) {
            if (store.claim(id, now)) {
                outbound.addAll(release(id));
            }
        }
        return outbound;
    }

    private List<OutboundMessage> release(String id) {
        return transactions.execute(tx -> {
            Instant now = clock.instant();
            Optional<DueRow> found = store.find(id);
            if (found.isEmpty() || !found.get().due().state().pending()) {
                return List.of();
            }
            DueRow row = found.get();
            Optional<Loaded> loaded = store.subject(row.subject());
            Context context = store.context(row.subject(), row.due().candidate().type(), loaded, now);
            Outcome outcome = decider.release(row.due(), context, loaded.map(Loaded::now).orElse(null), now);
            if (outcome.stays()) {
                store.unclaim(id);
                return List.of();
            }
            String orderId = row.orderId() != null ? row.orderId() : loaded.map(Loaded::orderId).orElse(null);
            List<Retired> ended = store.update(id, outcome, context.recipient(), orderId, now);
            count(row.due().candidate().type(), outcome, ended);
            MessageFacts facts = read(row.facts());
            return attempts.create(id, row.subject(), facts, context.recipient(), outcome.sendNow(), now,
                    now.toEpochMilli());
        });
    }

    /**
     * A batch of the republish sweep: at most {@code herald.notifications.republish-batch} attempts DECIDED and
     * untouched for {@code republishAfter} (such as {@code 2m}; {@code herald.notifications.republish-after}), oldest
     * first; the route takes another batch as long as the last one published any. Their message may never have reached its topic, because the
     * instance that recorded them stopped between its commit and its publish (a release sweep's batch, a fallback);
     * or their channel set them aside (an email whose recipient the SMTP relay deferred, a message that failed alone:
     * Deliveries). Each still current one is taken with a conditional update, so that one instance publishes it
     * again; a copy that was published after all is harmless, as the channel hands an attempt over only from DECIDED.
     * One whose decision is out of date now ({@link Decider#isCurrent}: the subject moved on while it waited) is
     * recorded SUPERSEDED instead, and the decision notes it: after minutes, it would tell the customer something no
     * longer true, perhaps after the newer news. So is one whose recipient no longer takes it ({@link #notToSend}): a
     * number that sent STOP while its SMS waited for the end of the recipient's quiet hours.
     */
    public List<OutboundMessage> republishStale(String republishAfter) {
        Duration after = DurationStyle.detectAndParse(republishAfter);
        List<OutboundMessage> outbound = new ArrayList<>();
        for (Notification attempt : notificationLog.staleDecided(after, republishBatch)) {
            Optional<String> outOfDate = store.newsOf(attempt.id()).flatMap(NotificationDecisions::notToSend);
            if (outOfDate.isEmpty()) {
                if (notificationLog.takeStale(attempt.id(), after)) {
                    outbound.add(OutboundMessage.of(attempt, attempt.createdAt().toInstant().toEpochMilli()));
                }
            } else {
                transactions.executeWithoutResult(tx -> {
                    if (notificationLog.supersedeStale(attempt.id(), attempt.channel(), after, outOfDate.get())) {
                        noteNotSent(attempt.decisionId(), attempt.type(), attempt.id(), attempt.channel(),
                                outOfDate.get());
                    }
                });
            }
        }
        return outbound;
    }

    /**
     * Why the attempt may not be handed over now, decided as it was a while ago: its decision is out of date
     * ({@link Decider#isCurrent}), or its recipient can no longer take it (the address or number suppressed since, the
     * number sent STOP, the customer unsubscribed or switched it off: {@link EffectivePreferences#withdrawal}), as a
     * decision taken now would find; empty while it may go.
     */
    private static Optional<String> notToSend(AttemptNews news) {
        Optional<String> outOfDate = Decider.outOfDate(news.candidate(), news.now());
        if (outOfDate.isPresent()) {
            return outOfDate;
        }
        if (news.recipientSuppressed()) {
            return Optional.of("withdrawn: the " + ("sms".equals(news.channel()) ? "number" : "address")
                    + " is suppressed");
        }
        return news.preferences() == null ? Optional.empty()
                : news.preferences().withdrawal(news.candidate().type(), news.channel());
    }

    /**
     * At a late hand-off ({@code Deliveries}): the attempt, claimed for it, is recorded SUPERSEDED when its decision
     * is out of date by now, as the republish sweep does with one it would publish again, and the decision notes it.
     * The message waited in its outbound topic (its channel's consumers lagged behind a spike, which Kafka holds) or
     * for retries, while its order or shipment moved on: sent now, it would tell the customer something no longer
     * true, perhaps after the newer news. So is one whose recipient no longer takes it ({@link #notToSend}).
     */
    @Override
    public boolean supersededIfOutOfDate(String attemptId) {
        Optional<AttemptNews> news = store.newsOf(attemptId);
        Optional<String> outOfDate = news.flatMap(NotificationDecisions::notToSend);
        if (outOfDate.isEmpty()) {
            return false;
        }
        String decisionId = news.get().decisionId();
        String channel = news.get().channel();
        return transactions.execute(tx -> {
            if (!notificationLog.supersedeClaimed(attemptId, channel, outOfDate.get())) {
                return false;
            }
            noteNotSent(decisionId, news.get().candidate().type().wire(), attemptId, channel, outOfDate.get());
            return true;
        });
    }

    /**
     * Notes on its decision, and logs, that an attempt recorded SUPERSEDED is not sent, and why; a decision that then
     * has nothing left to send is superseded.
     */
    private void noteNotSent(String decisionId, String type, String attemptId, String channel, String outOfDate) {
        Instant now = clock.instant();
        store.note(decisionId, channel + " not sent: " + outOfDate, now);
        if (store.supersedeIfUntold(decisionId, now)) {
            metrics.decision(type, DecisionState.SUPERSEDED.name());
        }
        LOG.info("Notification {} ({}) not sent: {}", attemptId, channel, outOfDate);
    }

    /**
     * A critical alert whose email or SMS attempt was dead-lettered (a permanent refusal such as Twilio 21211 or
     * 21610, or retries exhausted) goes by the other channel, when {@code herald.notifications.fallback.*} allows and
     * that channel has no attempt of this decision yet; a failed push has none. The fallback is recorded in the
     * decision's reason.
     */
    public List<OutboundMessage> fallBack(Exchange exchange) {
        return fallBack(exchange.getProperty(Names.Property.FAILED_NOTIFICATION, String.class),
                exchange.getProperty(Names.Property.FAILURE_REASON, String.class), false);
    }

    /**
     * A critical alert whose attempt the provider reported undelivered or failed after the hand-off (Twilio's status
     * callback, a bounce): the same fallback, once the alert is still current ({@link Decider#isCurrent}); a report
     * that comes when the subject has moved on is noted in the decision and sends nothing.
     */
    public List<OutboundMessage> fallBackIfCurrent(String failedId, String reason) {
        return fallBack(failedId, reason, true);
    }

    private List<OutboundMessage> fallBack(String failedId, String reason, boolean onlyIfCurrent) {
        if (failedId == null) {
            return List.of();
        }
        return transactions.execute(tx -> {
            Instant now = clock.instant();
            Optional<Notification> failed = notificationLog.findById(failedId);
            if (failed.isEmpty() || failed.get().decisionId() == null) {
                return List.of();
            }
            Optional<DueRow> decision = store.find(failed.get().decisionId());
            if (decision.isEmpty() || !decision.get().due().candidate().type().critical()) {
                return List.of();
            }
            if ("push".equals(failed.get().channel())) {
                return List.of(); // push has no fallback (docs/channels-push.md, "Retries and failures")
            }
            String other = "sms".equals(failed.get().channel()) ? "email" : "sms";
            boolean allowed = "email".equals(other) ? fallback.smsToEmail() : fallback.emailToSms();
            Optional<Loaded> loaded = store.subject(decision.get().subject());
            Decisions.Recipient recipient = loaded.map(Loaded::recipient).orElse(null);
            boolean tried = notificationLog.attemptsOf(failed.get().decisionId()).stream()
                    .anyMatch(n -> other.equals(n.channel()));
            if (!allowed || tried || recipient == null || !recipient.has(other)) {
                return List.of();
            }
            // never an SMS against a STOP or the customer's choice; an email is the fallback of last resort
            if ("sms".equals(other) && !loaded.get().permissions().allows(decision.get().due().candidate().type(),
                    other)) {
                return List.of();
            }
            if (onlyIfCurrent && !Decider.isCurrent(decision.get().due().candidate(),
                    loaded.map(Loaded::now).orElse(null))) {
                store.note(failed.get().decisionId(), failed.get().channel() + " failed ("
                        + io.herald.channel.Masking.text(reason) + "); no fallback: the alert is out of date", now);
                return List.of();
            }
            store.note(failed.get().decisionId(), failed.get().channel() + " failed ("
                    + io.herald.channel.Masking.text(reason)
                    + "); fallback to " + other, now);
            metrics.decision(decision.get().due().candidate().type().wire(), "FALLBACK");
            return attempts.create(failed.get().decisionId(), decision.get().subject(), read(decision.get().facts()),
                    recipient, List.of(other), now, now.toEpochMilli());
        });
    }

    /** Counts the decision's outcome, and the state each earlier decision it ended ends in. */
    private void count(NotificationType type, Outcome outcome, List<Retired> ended) {
        metrics.decision(type.wire(), outcome.state().name());
        ended.forEach(r -> metrics.decision(r.type().wire(), r.state().name()));
        if (outcome.state() == DecisionState.DROPPED || outcome.state() == DecisionState.SUPPRESSED) {
            LOG.info("{} not sent: {}", type.wire(), outcome.reason());
        }
    }

    /**
     * What the message will say, as the event says it. The order's total and items, and the customer's name, are
     * read when the message is rendered, so a message that waited for its order shows it.
     */
    static MessageFacts facts(CanonicalEvent event, NotificationType type, OffsetDateTime previousEta) {
        Shipment s = event.shipment();
        Order o = event.order();
        String orderId = s != null ? s.orderId() : o != null ? o.orderId() : null;
        return new MessageFacts(type.wire(), orderId, event.customer() == null ? null : event.customer().name(),
                null, null, null,
                s == null ? null : s.carrier(), s == null ? null : s.trackingNumber(),
                s == null ? (o == null ? null : o.status().name()) : s.status().name(),
                s == null ? null : s.statusText(), s == null ? null : s.location(),
                s == null ? null : s.estimatedDelivery(), previousEta,
                s == null || s.exceptionReason() == null ? null : s.exceptionReason().name(),
                s != null && s.status() == ShipmentStatus.AVAILABLE_FOR_PICKUP ? s.location() : null,
                event.occurredAt());
    }

    private String write(MessageFacts facts) {
        try {
            return json.writeValueAsString(facts);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private MessageFacts read(String facts) {
        return readFacts(json, facts);
    }

    /** The facts a decision's row keeps, as the message will say them. */
    static MessageFacts readFacts(ObjectMapper json, String facts) {
        try {
            return json.readValue(facts, MessageFacts.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable facts of a decision: " + e.getOriginalMessage(), e);
        }
    }
}
