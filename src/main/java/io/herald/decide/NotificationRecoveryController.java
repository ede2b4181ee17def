package io.herald.decide;

import io.herald.decide.NotificationRecovery.GroupOutcome;
import io.herald.decide.NotificationRecovery.Outcome;
import io.herald.decide.NotificationRecovery.Refusal;
import io.herald.support.ProblemAnswers;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/notifications/{id}/retry}: sends a failed notification again, once its cause is mended; 202 with
 * the attempt back in DECIDED, 404 problem+json for an unknown one, 409 problem+json when it must not go again (its
 * type says why: {@code not-failed}, {@code too-old}, {@code out-of-date}, {@code fell-back},
 * {@code recipient-unavailable}).
 * {@code POST /api/v1/notifications/retry?channel=sms&since=…[&reason=21212][&limit=…][&dryRun=true]} does it for
 * a channel's failed attempts recorded since then whose reason contains {@code reason}, and answers each one's
 * outcome and where a further call goes on from; a dry run says what it would do. Operator login or API token, as
 * every API. {@code POST /api/v1/notifications/{id}/reconcile?outcome=sent|not-sent[&providerId=…]} records what the
 * provider's log says of one handed over without an answer (UNKNOWN): 200 with its state, SENT or FAILED; 409
 * {@code not-unknown} for one in another state.
 */
@RestController
class NotificationRecoveryController {

    private static final Set<String> CHANNELS = Set.of("email", "sms", "push");
    private static final int MAX_LIMIT = 1000;

    private final NotificationRecovery recovery;

    NotificationRecoveryController(NotificationRecovery recovery) {
        this.recovery = recovery;
    }

    @PostMapping(path = "/api/v1/notifications/{id}/retry", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> retry(@PathVariable String id) {
        Outcome outcome = recovery.retry(id);
        if (outcome.done()) {
            return ResponseEntity.accepted().body(new Attempt(outcome.id(), outcome.channel(), "DECIDED"));
        }
        HttpStatus status = outcome.refusal() == Refusal.UNKNOWN ? HttpStatus.NOT_FOUND : HttpStatus.CONFLICT;
        return ProblemAnswers.of(status, outcome.refusal().type(), title(outcome.refusal()), outcome.detail());
    }

    @PostMapping(path = "/api/v1/notifications/retry", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> retryAll(@RequestParam(required = false) String channel,
                               @RequestParam(required = false) String since,
                               @RequestParam(required = false) String reason,
                               @RequestParam(defaultValue = "200") String limit,
                               @RequestParam(defaultValue = "false") String dryRun) {
        if (channel == null || !CHANNELS.contains(channel)) {
            return invalid("Give channel: email, sms or push.");
        }
        int most = limit.matches("\\d{1,4}") ? Integer.parseInt(limit) : 0;
        if (most < 1 || most > MAX_LIMIT) {
            return invalid("limit is a number from 1 to " + MAX_LIMIT + ".");
        }
        if (!"true".equals(dryRun) && !"false".equals(dryRun)) {
            return invalid("dryRun is true or false.");
        }
        OffsetDateTime from;
        try {
            from = since == null ? null : OffsetDateTime.parse(since);
        } catch (DateTimeParseException e) {
            from = null;
        }
        if (from == null) {
            return invalid("Give since: when the attempts to send again were first recorded, such as "
                    + "2026-12-03T08:00:00Z.");
        }
        boolean dry = Boolean.parseBoolean(dryRun);
        GroupOutcome group = recovery.retryAll(channel, from, reason, most, dry);
        String taken = dry ? "retriable" : "retried";
        List<Item> items = group.outcomes().stream()
                .map(o -> new Item(o.id(), o.done() ? taken : o.refusal().type(), o.detail()))
                .toList();
        long retried = group.outcomes().stream().filter(Outcome::done).count();
        return ResponseEntity.ok(new Group(dry, retried, items.size() - retried, items, group.more(),
                group.next()));
    }

    @PostMapping(path = "/api/v1/notifications/{id}/reconcile", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> reconcile(@PathVariable String id, @RequestParam(required = false) String outcome,
                                @RequestParam(required = false) String providerId) {
        if (!"sent".equals(outcome) && !"not-sent".equals(outcome)) {
            return invalid("Give outcome: sent (the provider's log has the message) or not-sent (it has not).");
        }
        Outcome reconciled = recovery.reconcile(id, "sent".equals(outcome), providerId);
        if (reconciled.done()) {
            return ResponseEntity.ok(new Attempt(reconciled.id(), reconciled.channel(),
                    "sent".equals(outcome) ? "SENT" : "FAILED"));
        }
        HttpStatus status = reconciled.refusal() == Refusal.UNKNOWN ? HttpStatus.NOT_FOUND : HttpStatus.CONFLICT;
        return ProblemAnswers.of(status, reconciled.refusal().type(), title(reconciled.refusal()), reconciled.detail());
    }

    /** One attempt sent again, or reconciled: its state now. */
    record Attempt(String id, String channel, String state) {
    }

    /** One attempt of a group: {@code retried}, or the problem type of why not, with its detail. */
    record Item(String id, String outcome, String detail) {
    }

    /**
     * A group's outcomes ({@code retried} counts those sent again, or in a dry run those that would be); call again
     * with {@code since=next} while {@code more}.
     */
    record Group(boolean dryRun, long retried, long refused, List<Item> notifications, boolean more,
                 OffsetDateTime next) {
    }

    private static String title(Refusal refusal) {
        return switch (refusal) {
            case UNKNOWN -> "Unknown notification";
            case NOT_FAILED -> "Not a failed notification";
            case NOT_UNKNOWN -> "Not of unknown outcome";
            case TOO_OLD -> "Too old to send";
            case OUT_OF_DATE -> "Out of date";
            case FELL_BACK -> "Told by the other channel";
            case RECIPIENT_UNAVAILABLE -> "Recipient unavailable";
        };
    }

    private static ResponseEntity<?> invalid(String detail) {
        return ProblemAnswers.of(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request", detail);
    }

}
