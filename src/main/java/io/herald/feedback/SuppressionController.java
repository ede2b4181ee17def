package io.herald.feedback;

import io.herald.decide.NotificationRecovery;
import io.herald.support.ProblemAnswers;
import java.util.List;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/customers/{customerId}/suppressions}: what keeps the customer's current email address and phone
 * number off their channel, report by report. {@code DELETE .../suppressions/email} or {@code .../sms} lifts it, once
 * the customer has mended their mailbox or phone, and answers 204; with {@code ?resend=latest} it also sends by that
 * channel the newest news of each order that reached no one because of the suppression, while still true
 * ({@link NotificationRecovery#sendWhatTheSuppressionKept}), and answers 200 with each decision's outcome. 404
 * problem+json for a customer Herald has no record of, or a channel without a suppression list. Operator login or API
 * token, as every customer API.
 */
@RestController
class SuppressionController {

    private static final Set<String> CHANNELS = Set.of("email", "sms");

    private final Suppressions suppressions;
    private final NotificationRecovery recovery;

    SuppressionController(Suppressions suppressions, NotificationRecovery recovery) {
        this.suppressions = suppressions;
        this.recovery = recovery;
    }

    @GetMapping(path = "/api/v1/customers/{customerId}/suppressions", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> get(@PathVariable String customerId) {
        return suppressions.of(customerId).<ResponseEntity<?>>map(ResponseEntity::ok).orElseGet(this::unknownCustomer);
    }

    @DeleteMapping("/api/v1/customers/{customerId}/suppressions/{channel}")
    ResponseEntity<?> lift(@PathVariable String customerId, @PathVariable String channel,
                           @RequestParam(required = false) String resend) {
        if (!CHANNELS.contains(channel)) {
            return ProblemAnswers.of(HttpStatus.NOT_FOUND, "unknown-channel", "Unknown channel",
                    "Only email and sms have suppression lists, not " + channel + ".");
        }
        if (resend != null && !"latest".equals(resend)) {
            return ProblemAnswers.of(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request",
                    "resend is latest, or left out.");
        }
        if (!suppressions.lift(customerId, channel)) {
            return unknownCustomer();
        }
        if (resend == null) {
            return ResponseEntity.noContent().build();
        }
        List<Resent> sent = recovery.sendWhatTheSuppressionKept(customerId, channel).stream()
                .map(o -> new Resent(o.id(), o.done() ? "sent" : o.refusal().type(), o.detail())).toList();
        return ResponseEntity.ok(new Lifted(customerId, channel, sent));
    }

    /** A suppression lifted, and what it had kept from the customer. */
    record Lifted(String customerId, String channel, List<Resent> decisions) {
    }

    /** A decision the suppression kept from the customer: {@code sent} now, or the problem type of why not. */
    record Resent(String decisionId, String outcome, String detail) {
    }

    private ResponseEntity<?> unknownCustomer() {
        return ProblemAnswers.of(HttpStatus.NOT_FOUND, "unknown-customer", "Unknown customer",
                "Herald has no record of this customer.");
    }

}
