package io.herald.customer;

import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
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
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
                "Herald has no record and no preferences of this customer.");
        problem.setType(URI.create("https://herald.dev/problems/unknown-customer"));
        problem.setTitle("Unknown customer");
        return ResponseEntity.status(HttpStatus.NOT_FOUND).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }
}
