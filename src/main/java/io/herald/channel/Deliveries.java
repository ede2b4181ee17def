package io.herald.channel;

import io.herald.decide.NotificationType;
import io.herald.decide.QuietHours;
import io.herald.ops.ChannelHealth;
import io.herald.ops.HeraldMetrics;
import io.herald.support.GroupCommits;
import io.herald.support.KafkaBatches;
import io.herald.support.Names;
import io.herald.support.TimeOrderedIds;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import io.herald.notify.HandOffCurrency;
import io.herald.notify.NotificationLog;
import io.herald.notify.OutboundMessage;
import org.apache.camel.Exchange;
import org.apache.camel.component.kafka.KafkaConstants;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * What the channel routes record around a hand-off, so that a notification reaches its channel at most once unless
 * the hand-off itself failed: skip what is already sent, record SENDING right before the hand-off and SENT right
 * after, put a hand-off that failed for sure back to DECIDED for the retry, leave one without a known outcome (a
 * timeout after the request was written) UNKNOWN for reconciliation instead of sending it again, and take over the
 * hand-off of an instance that stopped in the middle of one.
 *
 * <p>A channel batch claims its DECIDED attempts together before its hand-offs ({@link #claimBatch}): one commit for
 * the batch's SENDING instead of one per hand-off. A hand-off that begins later than a quarter of the lease after that
 * claim (a sender's rate, retries of other messages ahead of it) renews the claim first, conditionally on the claim's
 * own instant, so that an instance that took the attempt over in the meantime keeps it.
 *
 * <p>A message that fails alone, while its channel delivers others, is set aside for the republish sweep instead of
 * holding its batch for the whole retry budget ({@link #failed}). The channel delivering others is known by its count
 * of hand-offs recorded SENT here, taken at the message's first failure and again at its later ones.
 *
 * <p>A message that reaches its hand-off inside the recipient's quiet hours, although it was decided outside them (its
 * channel's consumers lagged behind a spike, or it waited for retries or the republish sweep), waits for their end
 * as a message decided inside them does ({@link #claim}). One whose news went out of date while it waited is not
 * handed over at all ({@link HandOffCurrency}).
 */
@Component("deliveries")
public class Deliveries {

    private static final Logger LOG = LoggerFactory.getLogger(Deliveries.class);

    /**
     * Channels whose receiver recognises a resend by the attempt's id (push: {@code X-Herald-Notification-Id}), so a
     * hand-off without a known outcome is safely handed over again instead of being left UNKNOWN.
     */
    private static final java.util.Set<String> RESEND_SAFE = java.util.Set.of("push");

    /** camel-mail's header with the Message-ID of the mail it sent. */
    private static final String MAIL_MESSAGE_ID = "CamelMailMessageId";

    private final NotificationLog log;
    /** SENDING and SENT are recorded with the concurrent hand-offs' in one commit, each before its caller goes on. */
    private final GroupCommits commits;
    private final DeliveryErrors errors;
    private final HeraldMetrics metrics;
    private final ChannelHealth health;
    private final Duration handOffLease;
    private final SoleDatabase database;
    private final int maxRecipientDeferrals;
    private final int setAsideAfter;
    private final int maxSetAsides;
    private final QuietHours quietHours;
    private final HandOffCurrency currency;
    /** A hand-off this long after its attempt was recorded asks whether its news is still true. */
    private final Duration recheckAfter;
    private final Clock clock;

    public Deliveries(NotificationLog log, GroupCommits commits, DeliveryErrors errors, HeraldMetrics metrics,
                      ChannelHealth health,
                      @Value("${herald.channels.hand-off-lease:90s}") Duration handOffLease, SoleDatabase database,
                      @Value("${herald.channels.email.max-recipient-deferrals:6}") int maxRecipientDeferrals,
                      @Value("${herald.channels.retry.set-aside-after:3}") int setAsideAfter,
                      @Value("${herald.channels.retry.max-set-asides:6}") int maxSetAsides,
                      QuietHours quietHours, HandOffCurrency currency,
                      @Value("${herald.channels.recheck-after:1m}") Duration recheckAfter, Clock clock) {
        this.log = log;
        this.commits = commits;
        this.errors = errors;
        this.metrics = metrics;
        this.health = health;
        this.handOffLease = handOffLease;
        this.database = database;
        this.maxRecipientDeferrals = maxRecipientDeferrals;
        this.setAsideAfter = setAsideAfter;
        this.maxSetAsides = maxSetAsides;
        this.quietHours = quietHours;
        this.currency = currency;
        this.recheckAfter = recheckAfter;
        this.clock = clock;
    }

    /**
     * False for a redelivered message whose attempt was already sent, failed or left UNKNOWN; true for DECIDED, and
     * for SENDING, which {@link #claim} takes over or waits for.
     */
    public boolean isPending(OutboundMessage message, Exchange exchange) {
        if (batchClaims(exchange).containsKey(message.notificationId())) {
            return true; // claimed by its batch: SENDING, and this exchange's to hand over
        }
        return log.stateOf(message.notificationId()).map(state -> "DECIDED".equals(state) || "SENDING".equals(state))
                .orElse(true);
    }

    /**
     * Claims the DECIDED attempts of a channel batch's records in one transaction, before the batch is split: each
     * record's exchange then finds its claim in {@link Names.Property#BATCH_CLAIMS} ({@link #claim}). A record is
     * known by its key, which notifications-publish sets to the attempt's id, so the body is read once, by the
     * record's own route. A record that is not DECIDED (sent, failed, or SENDING elsewhere) is left to that route.
     * A late one whose news is out of date by now is recorded SUPERSEDED here ({@link #claim}), and its route skips it.
     */
    public void claimBatch(Exchange batch) {
        List<String> ids = new ArrayList<>();
        for (Exchange record : KafkaBatches.recordsOf(batch)) {
            String id = record.getMessage().getHeader(KafkaConstants.KEY, String.class);
            if (id != null) {
                ids.add(id);
            }
        }
        Map<String, OffsetDateTime> claimed = new ConcurrentHashMap<>(ids.isEmpty() ? Map.of()
                : commits.write(() -> log.claimAll(ids)));
        claimed.keySet().removeIf(id -> late(id) && supersededIfOutOfDate(id));
        batch.setProperty(Names.Property.BATCH_CLAIMS, claimed);
    }

    /**
     * Whether the claimed attempt was recorded SUPERSEDED as its news is out of date ({@link HandOffCurrency}). When
     * that cannot be read (the database failing for a moment), it goes as decided: failing its batch for it would
     * leave the batch's other claims to wait out the hand-off lease, and be taken over.
     */
    private boolean supersededIfOutOfDate(String id) {
        try {
            return currency.supersededIfOutOfDate(id);
        } catch (RuntimeException e) {
            LOG.warn("Notification {}: whether its news is still true could not be read ({}); handed over as decided",
                    id, Masking.text(e.toString()));
            return false;
        }
    }

    /**
     * Whether the attempt was recorded {@code herald.channels.recheck-after} (a minute) ago or longer: its message
     * waited in its outbound topic (its channel's consumers lagged behind a spike) or for retries, and its news may be
     * out of date. An id made before ids told their time counts as late.
     */
    private boolean late(String id) {
        return TimeOrderedIds.madeAt(id).map(at -> !at.plus(recheckAfter).isAfter(clock.instant())).orElse(true);
    }

    /**
     * Records SENDING right before the hand-off (a conditional update from DECIDED), and answers whether to hand the
     * message over.
     *
     * <p>An attempt found SENDING was being handed over when the message came again: after a crash or a hard stop
     * of the instance that handed it (Kafka gives its uncommitted record to the next consumer), or during a
     * rebalance while that instance still works on it. Once its hand-off began longer ago than
     * {@code herald.channels.hand-off-lease}, or before this process started on a database no other process can use
     * ({@link SoleDatabase}), no instance is working on it any more: it is taken over and handed over
     * again, as the same attempt (the email's Message-ID and the SMS's callback id are the attempt's own), since
     * whether the first hand-off reached the provider cannot be known. It is counted as RESUMED, and the exchange
     * carries when the first hand-off began ({@link Names.Property#RESUMED_SINCE}): a channel that can ask its provider
     * what it received since then (Twilio's Messages list) does so before sending again. Sooner, the hand-off
     * may still be running elsewhere: {@link HandOffInFlightException} lets the route's retries look again later.
     *
     * <p>A claimed message whose attempt was recorded {@code herald.channels.recheck-after} (a minute) or longer ago is
     * asked whether its news is still true ({@link HandOffCurrency}; its batch asked for the ones it claimed, unless
     * the hand-off came that long after the batch's claim, as an SMS waiting its turn at its sender's rate may): one
     * out of date is recorded SUPERSEDED and not handed over. A claimed message whose hand-off comes inside the
     * recipient's quiet hours is not handed over either: its attempt goes back to DECIDED until they end
     * ({@link #heldForQuietHours}). Not a takeover: whether its first hand-off reached the provider is asked now (an
     * SMS in Twilio's list), as it would be forgotten by the morning.
     */
    public boolean claim(Exchange exchange) {
        OutboundMessage outbound = outbound(exchange);
        if (Boolean.TRUE.equals(exchange.getProperty(Names.Property.HANDED_OVER, Boolean.class))) {
            return true; // this exchange handed it over; its retry records what recording it failed to
        }
        String id = outbound.notificationId();
        OffsetDateTime batchClaim = batchClaims(exchange).get(id);
        boolean checkedByItsBatch = batchClaim != null && log.isRecent(batchClaim, recheckAfter);
        if (!claimed(exchange, outbound)) {
            return false;
        }
        if (exchange.getProperty(Names.Property.RESUMED_SINCE) != null) {
            return true; // its first hand-off may have reached the provider: looked up now, not superseded or held
        }
        if (!checkedByItsBatch && late(id) && supersededIfOutOfDate(id)) {
            return false;
        }
        return !heldForQuietHours(outbound);
    }

    /**
     * False for a message its batch claimed whose hand-off comes inside the recipient's quiet hours: it is held for
     * their end ({@link #heldForQuietHours}) before it waits its turn at its sender's rate ({@code SenderRates}), so
     * that a message held for the night takes no turn from one that goes now. Any other message, not claimed by its
     * batch or claimed long enough ago that its claim is renewed first, is looked at by {@link #claim}.
     */
    public boolean outsideQuietHours(Exchange exchange) {
        OutboundMessage outbound = outbound(exchange);
        Map<String, OffsetDateTime> claims = batchClaims(exchange);
        OffsetDateTime batchClaim = claims.get(outbound.notificationId());
        if (batchClaim == null || !log.isRecent(batchClaim, handOffLease.dividedBy(4))
                || !heldForQuietHours(outbound)) {
            return true;
        }
        claims.remove(outbound.notificationId());
        return false;
    }

    private boolean claimed(Exchange exchange, OutboundMessage outbound) {
        String id = outbound.notificationId();
        OffsetDateTime batchClaim = batchClaims(exchange).remove(id);
        if (batchClaim != null && (log.isRecent(batchClaim, handOffLease.dividedBy(4))
                || commits.write(() -> log.renew(id, batchClaim)))) {
            return true;
        }
        if (commits.write(() -> log.claim(id))) {
            return true;
        }
        Optional<OffsetDateTime> sendingSince = log.sendingSince(id);
        if (sendingSince.isEmpty()) {
            return false;
        }
        // on a database no other process can use, a hand-off begun before this process started was an earlier run's
        if (log.resume(id, database.leftByAnEarlierRun(sendingSince.get().toInstant()) ? Duration.ZERO
                : handOffLease)) {
            exchange.setProperty(Names.Property.RESUMED_SINCE, sendingSince.get().toInstant());
            metrics.notification(outbound.channel(), "RESUMED");
            LOG.warn("Notification {} ({}) was being handed to its channel by an instance that stopped before it "
                    + "recorded the outcome; handed over again as the same message", id, outbound.channel());
            return true;
        }
        throw new HandOffInFlightException(id, handOffLease);
    }

    /**
     * Whether the claimed message's hand-off comes inside the recipient's quiet hours
     * ({@code herald.quiet-hours.*}, in the zone the decision found): then its attempt goes back to DECIDED until
     * they end, with the reason, and the republish sweep publishes it again then, if it is still current. A message
     * without the recipient's zone (published before it was carried) goes as it comes.
     */
    private boolean heldForQuietHours(OutboundMessage outbound) {
        if (!quietHours.channels().contains(outbound.channel())) {
            return false; // most hand-offs: nothing to parse or look up
        }
        ZoneId zone = zoneOf(outbound);
        Instant now = clock.instant();
        boolean critical = NotificationType.fromWire(outbound.type()).map(NotificationType::critical).orElse(false);
        if (zone == null || !quietHours.holds(outbound.channel(), critical, now, zone)) {
            return false;
        }
        Instant end = quietHours.endAfter(now, zone);
        String until = QuietHours.local(end, zone);
        commits.write(() -> {
            log.holdUntil(outbound.notificationId(), outbound.channel(), end.atOffset(ZoneOffset.UTC),
                    "Reached its hand-off inside the recipient's quiet hours; sent at their end if still current, "
                            + until);
            return null;
        });
        LOG.info("Notification {} ({}): inside the recipient's quiet hours; sent at their end if still current, {}",
                outbound.notificationId(), outbound.channel(), until);
        return true;
    }

    private static ZoneId zoneOf(OutboundMessage outbound) {
        try {
            return outbound.zone() == null ? null : ZoneId.of(outbound.zone());
        } catch (DateTimeException e) {
            return null; // the decide stage writes ZoneId's own ids; any other is not Herald's
        }
    }

    /**
     * After a failed hand-off. An unknown outcome (a timeout after the request was written) marks the attempt UNKNOWN
     * and ends the exchange without a retry, except on a channel whose receiver recognises a resend (push). A
     * recipient the SMTP relay deferred (a 4xx to RCPT TO) puts the attempt back to DECIDED, counted, and ends the
     * exchange: the republish sweep sends it again after {@code herald.notifications.republish-after}, and its batch
     * does not wait for it; past {@code herald.channels.email.max-recipient-deferrals} it fails for good.
     *
     * <p>A message that failed {@code herald.channels.retry.set-aside-after} times, with an answer that may concern it
     * alone ({@link DeliveryErrors#mayConcernTheMessageAlone}: a 500, not a 503 or a 429) and without a Retry-After,
     * while its channel recorded other hand-offs SENT since its first failure, fails alone (one the backend cannot
     * take, a provider's fault for one recipient): it is set aside the same way, counted with the relay's deferrals,
     * and fails for good past {@code herald.channels.retry.max-set-asides}. When the channel delivered nothing
     * meanwhile (an outage, also one that began after other messages of its batch went out), an outage and a bad
     * message look alike, and it is retried in place.
     *
     * <p>Any other failure puts the attempt back to DECIDED, sets the redelivery delay a provider asked for with
     * Retry-After, and is thrown again for the route's retries or dead letter.
     */
    public void failed(Exchange exchange) throws Exception {
        OutboundMessage outbound = outbound(exchange);
        Exception caught = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        if (!DeliveryErrors.concernsTheMessage(caught)) {
            health.failed(outbound.channel(), Masking.text(DeliveryErrors.describe(caught)));
        }
        if (errors.isUnknownOutcome(caught) && !RESEND_SAFE.contains(outbound.channel())) {
            log.markUnknown(outbound.notificationId(), outbound.channel(), "No answer after the hand-off: "
                    + DeliveryErrors.describe(caught));
            LOG.warn("Notification {} ({}): no answer after the hand-off; marked UNKNOWN, not sent again",
                    outbound.notificationId(), outbound.channel());
            exchange.setRouteStop(true);
            return;
        }
        Optional<SMTPAddressFailedException> deferral = DeliveryErrors.recipientDeferral(caught);
        if (deferral.isPresent()) {
            String reply = deferral.get().getMessage();
            if (setAside(exchange, outbound, maxRecipientDeferrals, "RECIPIENT_DEFERRED",
                    "The relay deferred the recipient; tried again later. Its reply: " + reply)) {
                return;
            }
            caught = stillSending(outbound) ? DeferredTooOftenException.recipient(maxRecipientDeferrals + 1, reply)
                    : caught;
        } else if (failsAlone(exchange, outbound.channel(), caught)) {
            String failure = DeliveryErrors.describe(caught);
            if (setAside(exchange, outbound, maxSetAsides, "SET_ASIDE",
                    "Failed alone while its channel delivered other messages; tried again later. The failure: "
                            + failure)) {
                return;
            }
            caught = stillSending(outbound) ? DeferredTooOftenException.ownFailure(maxSetAsides + 1, failure) : caught;
        }
        log.release(outbound.notificationId());
        errors.retryAfterMillis(caught).ifPresentOrElse(
                delay -> exchange.getIn().setHeader(Exchange.REDELIVERY_DELAY, delay),
                () -> exchange.getIn().removeHeader(Exchange.REDELIVERY_DELAY));
        throw caught;
    }

    /** Marks the notification sent, with the provider's id: the mail's Message-ID, or Twilio's message SID. */
    public void sent(Exchange exchange) {
        OutboundMessage outbound = outbound(exchange);
        Object mailId = exchange.getMessage().getHeader(MAIL_MESSAGE_ID);
        Object providerResult = mailId != null ? mailId : exchange.getMessage().getBody();
        commits.write(() -> {
            log.markSent(outbound.notificationId(), outbound.channel(), providerResult, outbound.intakeAt());
            return null;
        });
        health.sent(outbound.channel());
    }

    /**
     * Puts the attempt back to DECIDED for the republish sweep, counted as {@code state}, and ends the exchange, so
     * that its batch goes on; false when it was deferred {@code budget} times already (or is not SENDING).
     */
    private boolean setAside(Exchange exchange, OutboundMessage outbound, int budget, String state, String reason) {
        if (!log.defer(outbound.notificationId(), budget, reason)) {
            return false;
        }
        metrics.notification(outbound.channel(), state);
        LOG.info("Notification {} ({}): {}, tried again after herald.notifications.republish-after while the channel "
                + "goes on", outbound.notificationId(), outbound.channel(), state);
        exchange.setRouteStop(true);
        return true;
    }

    /** Whether the attempt is still this hand-off's, SENDING: one past its budget then fails for good. */
    private boolean stillSending(OutboundMessage outbound) {
        return log.stateOf(outbound.notificationId()).filter("SENDING"::equals).isPresent();
    }

    /**
     * Counts this exchange's failed hand-off, and answers whether it failed often enough, with an answer that may
     * concern it alone and without a provider's Retry-After, while its channel recorded other hand-offs SENT since
     * its first failure.
     */
    private boolean failsAlone(Exchange exchange, String channel, Exception caught) {
        long sent = health.sentSoFar(channel);
        int failures = exchange.getProperty(Names.Property.HAND_OFF_FAILURES, 0, Integer.class) + 1;
        exchange.setProperty(Names.Property.HAND_OFF_FAILURES, failures);
        if (failures == 1) {
            exchange.setProperty(Names.Property.CHANNEL_SENT_AT_FIRST_FAILURE, sent);
        }
        return failures >= setAsideAfter && DeliveryErrors.mayConcernTheMessageAlone(caught)
                && errors.retryAfterMillis(caught).isEmpty()
                && sent > exchange.getProperty(Names.Property.CHANNEL_SENT_AT_FIRST_FAILURE, sent, Long.class);
    }

    /** The claims of the exchange's batch; a claim is taken once, by the first hand-off of its attempt. */
    @SuppressWarnings("unchecked")
    private static Map<String, OffsetDateTime> batchClaims(Exchange exchange) {
        Map<String, OffsetDateTime> claims = exchange.getProperty(Names.Property.BATCH_CLAIMS, Map.class);
        return claims == null ? Collections.emptyMap() : claims;
    }

    private static OutboundMessage outbound(Exchange exchange) {
        return exchange.getProperty(Names.Property.OUTBOUND, OutboundMessage.class);
    }
}
