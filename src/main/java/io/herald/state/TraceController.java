package io.herald.state;

import io.herald.support.ProblemAnswers;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/shipments/{carrier}/{trackingNumber}} and {@code GET /api/v1/orders/{orderId}}: the current
 * state, the timeline with each event's source, and every decision taken with its rule, state and reason, so an
 * integration engineer can see why a message did or did not go out.
 */
@RestController
class TraceController {

    private final Traces traces;

    TraceController(Traces traces) {
        this.traces = traces;
    }

    @GetMapping("/api/v1/shipments/{carrier}/{trackingNumber}")
    ResponseEntity<?> shipment(@PathVariable String carrier, @PathVariable String trackingNumber) {
        return answer(traces.shipment(carrier, trackingNumber), "unknown-shipment", "Unknown shipment",
                "Herald has no shipment with this carrier and tracking number.");
    }

    @GetMapping("/api/v1/orders/{orderId}")
    ResponseEntity<?> order(@PathVariable String orderId) {
        return answer(traces.order(orderId), "unknown-order", "Unknown order", "Herald has no order with this id.");
    }

    private static ResponseEntity<?> answer(Optional<Map<String, Object>> found, String type, String title,
                                            String detail) {
        if (found.isPresent()) {
            return ResponseEntity.ok(found.get());
        }
        return ProblemAnswers.of(HttpStatus.NOT_FOUND, type, title, detail);
    }
}
