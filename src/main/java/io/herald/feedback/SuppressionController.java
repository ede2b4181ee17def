package io.herald.feedback;

import java.net.URI;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/customers/{customerId}/suppressions}: what keeps the customer's current email address and phone
 * number off their channel, report by report. {@code DELETE .../suppressions/email} or {@code .../sms} lifts it, once
 * the customer has mended their mailbox or phone, and answers 204. 404 problem+json for a customer Herald has no
 * record of, or a channel without a suppression list. Operator login or API token, as every customer API.
 */
@RestController
class SuppressionController {

    private static final Set<String> CHANNELS = Set.of("email", "sms");

    private final Suppressions suppressions;

    SuppressionController(Suppressions suppressions) {
        this.suppressions = suppressions;
    }

    @GetMapping(path = "/api/v1/customers/{customerId}/suppressions", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> get(@PathVariable String customerId) {
        return suppressions.of(customerId).<ResponseEntity<?>>map(ResponseEntity::ok).orElseGet(this::unknownCustomer);
    }

    @DeleteMapping("/api/v1/customers/{customerId}/suppressions/{channel}")
    ResponseEntity<?> lift(@PathVariable String customerId, @PathVariable String channel) {
        if (!CHANNELS.contains(channel)) {
            return problem("unknown-channel", "Unknown channel",
                    "Only email and sms have suppression lists, not " + channel + ".");
        }
        return suppressions.lift(customerId, channel) ? ResponseEntity.noContent().build() : unknownCustomer();
    }

    private ResponseEntity<?> unknownCustomer() {
        return problem("unknown-customer", "Unknown customer", "Herald has no record of this customer.");
    }

    private static ResponseEntity<?> problem(String type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, detail);
        problem.setType(URI.create("https://herald.dev/problems/" + type));
        problem.setTitle(title);
        return ResponseEntity.status(HttpStatus.NOT_FOUND).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }
}
