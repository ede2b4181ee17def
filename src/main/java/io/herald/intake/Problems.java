package io.herald.intake;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.herald.normalize.IntakeRejectedException;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * Writes the HTTP answers of the intake routes: 202 once Kafka has the events, problem+json (RFC 9457) otherwise.
 * Answers never echo the payload, headers or a stack trace.
 */
@Component("problems")
public class Problems {

    public static final String PROBLEM_JSON = "application/problem+json";

    private final ObjectMapper json;

    public Problems(ObjectMapper json) {
        this.json = json;
    }

    /** The answer after every event of a payload was acknowledged by Kafka. */
    public void accepted(Exchange exchange, int events) {
        ObjectNode body = json.createObjectNode()
                .put("status", "accepted")
                .put("source", exchange.getMessage().getHeader(IntakeHeaders.SOURCE, String.class))
                .put("events", events);
        answer(exchange, 202, "application/json", body);
    }

    /** The answer for a payload that intake refused. */
    public void rejected(Exchange exchange) {
        IntakeRejectedException rejected = IntakeFailures.rejectionOf(exchange);
        String source = exchange.getMessage().getHeader(IntakeHeaders.SOURCE, String.class);
        answer(exchange, rejected.reason().httpStatus(), PROBLEM_JSON, problem(rejected, source));
    }

    /** The answer for an intake path whose source id has no mapping. */
    public void unknownSource(Exchange exchange) {
        ObjectNode body = json.createObjectNode()
                .put("type", "https://herald.dev/problems/unknown-source")
                .put("title", "Unknown source")
                .put("status", 404)
                .put("detail", "Herald has no mapping for this source id.");
        answer(exchange, 404, PROBLEM_JSON, body);
    }

    /** The answer for a webhook whose signature or key does not hold. */
    public void unauthorized(Exchange exchange) {
        ObjectNode body = json.createObjectNode()
                .put("type", "https://herald.dev/problems/unauthorized")
                .put("title", "Unauthorized")
                .put("status", 401)
                .put("detail", "The webhook's signature or key is missing or does not match.");
        answer(exchange, 401, PROBLEM_JSON, body);
    }

    /** The answer when Herald could not take the payload now, for example because Kafka is unreachable. */
    public void unavailable(Exchange exchange) {
        ObjectNode body = json.createObjectNode()
                .put("type", "https://herald.dev/problems/unavailable")
                .put("title", "Service unavailable")
                .put("status", 503)
                .put("detail", "The event could not be stored; nothing was accepted. Retry later.");
        answer(exchange, 503, PROBLEM_JSON, body);
        exchange.getMessage().setHeader("Retry-After", "5");
    }

    /** The problem document for a refused payload; also used by the dry-run API. */
    public ObjectNode problem(IntakeRejectedException rejected, String source) {
        ObjectNode body = json.createObjectNode()
                .put("type", "https://herald.dev/problems/" + rejected.reason().name().toLowerCase().replace('_', '-'))
                .put("title", rejected.reason().title())
                .put("status", rejected.reason().httpStatus())
                .put("detail", rejected.getMessage())
                .put("reason", rejected.reason().name());
        if (source != null) {
            body.put("source", source);
        }
        return body;
    }

    private void answer(Exchange exchange, int status, String contentType, ObjectNode body) {
        var message = exchange.getMessage();
        message.removeHeaders("*");
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        message.setHeader(Exchange.CONTENT_TYPE, contentType);
        message.setBody(body.toString());
    }
}
