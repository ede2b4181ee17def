package io.herald.decide;

import com.fasterxml.jackson.databind.JsonNode;
import io.herald.support.ProblemAnswers;
import java.time.Clock;
import java.time.OffsetDateTime;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/customers/{customerId}/preferences}: the effective matrix; 404 for a customer Herald has neither
 * a record nor stored preferences of. {@code PUT} takes a partial matrix of the same shape, the customer's own
 * action, and answers the new effective matrix; 422 problem+json for an unknown field, type or channel, a value that
 * is not a boolean, or a critical type switched off. A PUT for a customer Herald does not know yet stores the
 * choices, which apply once the customer arrives.
 */
@RestController
class PreferenceController {

    private static final int MAX_CUSTOMER_ID = 100;

    private final PreferenceStore store;
    private final Clock clock;

    PreferenceController(PreferenceStore store, ObjectProvider<Clock> clock) {
        this.store = store;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    @GetMapping(path = "/api/v1/customers/{customerId}/preferences", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> get(@PathVariable String customerId) {
        PreferenceStore.Loaded loaded = customerId.length() > MAX_CUSTOMER_ID ? null
                : store.loadWithPresence(customerId, null);
        if (loaded == null || !loaded.known()) {
            return ProblemAnswers.of(HttpStatus.NOT_FOUND, "unknown-customer", "Unknown customer",
                    "Herald has no record and no preferences of this customer.");
        }
        return ResponseEntity.ok(loaded.preferences());
    }

    @PutMapping(path = "/api/v1/customers/{customerId}/preferences", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> put(@PathVariable String customerId, @RequestBody JsonNode body) {
        if (customerId.length() > MAX_CUSTOMER_ID) {
            return ProblemAnswers.of(HttpStatus.UNPROCESSABLE_ENTITY, "invalid-preferences", "Invalid preferences",
                    "The customer id is longer than " + MAX_CUSTOMER_ID + " characters.");
        }
        PreferenceChange change;
        try {
            change = PreferenceChange.parse(body, store.load(customerId, null));
        } catch (PreferenceChange.Invalid invalid) {
            ResponseEntity<ProblemDetail> answer = ProblemAnswers.of(HttpStatus.UNPROCESSABLE_ENTITY, "invalid-preferences",
                    "Invalid preferences", invalid.getMessage());
            answer.getBody().setProperty("errors", invalid.errors());
            return answer;
        }
        store.recordCustomerChange(customerId, change, OffsetDateTime.now(clock), "api");
        return ResponseEntity.ok(store.load(customerId, null));
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ProblemDetail> unreadable() {
        return ProblemAnswers.of(HttpStatus.BAD_REQUEST, "unparseable", "Unparseable body", "The body is not JSON.");
    }

}
