package io.herald.intake;

import io.herald.support.Names;
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
    private static final String TYPE_BASE = io.herald.support.ProblemAnswers.TYPE_BASE;

    private final ObjectMapper json;

    public Problems(ObjectMapper json) {
        this.json = json;
    }

    /** The answer after every event of a payload was acknowledged by Kafka. */
    public void accepted(Exchange exchange, int events) {
        ObjectNode body = json.createObjectNode()
                .put("status", "accepted")
                .put("source", exchange.getMessage().getHeader(Names.Header.SOURCE, String.class))
                .put("events", events);
        answer(exchange, 202, "application/json", body);
    }

    /** The answer for a payload that intake refused. */
    public void rejected(Exchange exchange) {
        IntakeRejectedException rejected = IntakeFailures.rejectionOf(exchange);
        String source = exchange.getMessage().getHeader(Names.Header.SOURCE, String.class);
        answer(exchange, rejected.reason().httpStatus(), PROBLEM_JSON, problem(rejected, source));
    }

    /** The answer for an intake path whose source id has no mapping. */
    public void unknownSource(Exchange exchange) {
        answer(exchange, "unknown-source", "Unknown source", 404, "Herald has no mapping for this source id.");
    }

    /** The answer for a webhook whose signature or key does not hold. */
    public void unauthorized(Exchange exchange) {
        answer(exchange, "unauthorized", "Unauthorized", 401,
                "The webhook's signature or key is missing or does not match.");
    }

    /** The answer when Herald could not take the payload now, for example because Kafka is unreachable. */
    public void unavailable(Exchange exchange) {
        answer(exchange, "unavailable", "Service unavailable", 503,
                "The event could not be stored; nothing was accepted. Retry later.");
        exchange.getMessage().setHeader("Retry-After", "5");
    }

    private void answer(Exchange exchange, String type, String title, int status, String detail) {
        ObjectNode body = json.createObjectNode()
                .put("type", TYPE_BASE + type)
                .put("title", title)
                .put("status", status)
                .put("detail", detail);
        answer(exchange, status, PROBLEM_JSON, body);
    }

    /** The problem document for a refused payload; also used by the dry-run API. */
    public ObjectNode problem(IntakeRejectedException rejected, String source) {
        ObjectNode body = json.createObjectNode()
                .put("type", TYPE_BASE + rejected.reason().name().toLowerCase().replace('_', '-'))
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
