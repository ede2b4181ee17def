package io.herald.customer;

import io.herald.support.ProblemAnswers;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code DELETE /api/v1/customers/{customerId}}: erases the customer's personal data ({@link CustomerErasure}) and
 * answers 204; 404 problem+json for a customer Herald holds nothing of.
 */
@RestController
class CustomerErasureController {

    private final CustomerErasure erasure;

    CustomerErasureController(CustomerErasure erasure) {
        this.erasure = erasure;
    }

    @DeleteMapping("/api/v1/customers/{customerId}")
    ResponseEntity<?> delete(@PathVariable String customerId) {
        if (erasure.erase(customerId)) {
            return ResponseEntity.noContent().build();
        }
        return ProblemAnswers.of(HttpStatus.NOT_FOUND, "unknown-customer", "Unknown customer",
                "Herald has no record and no preferences of this customer.");
    }
}
