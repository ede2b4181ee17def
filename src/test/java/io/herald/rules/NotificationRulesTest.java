package io.herald.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each trigger rule of routes/core/notification-rules.camel.yaml on its own: the route as Herald loads it, driven
 * with the headers of a state transition, and the type it hands to the decide step.
 */
class NotificationRulesTest {

    private static CamelContext camel;
    private static ProducerTemplate producer;
    private static MockEndpoint decided;

    @BeforeAll
    static void loadTheRules() throws Exception {
        camel = new DefaultCamelContext();
        PluginHelper.getRoutesLoader(camel).loadRoutes(
                ResourceHelper.resolveResource(camel, "file:routes/_shared/error-handling.camel.yaml"),
                ResourceHelper.resolveResource(camel, "file:routes/core/notification-rules.camel.yaml"));
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:notifications-decide").routeId("decide-stand-in").to("mock:decided");
            }
        });
        camel.start();
        producer = camel.createProducerTemplate();
        decided = camel.getEndpoint("mock:decided", MockEndpoint.class);
    }

    @AfterAll
    static void stop() {
        camel.stop();
    }

    @BeforeEach
    void reset() {
        decided.reset();
    }

    /** A transition: event type, status before, status now, and what else changed. */
    private static Map<String, Object> transition(String eventType, String previous, String status) {
        Map<String, Object> headers = new HashMap<>();
        headers.put("heraldEventType", eventType);
        headers.put("heraldPreviousStatus", previous);
        headers.put("heraldStatus", status);
        headers.put("heraldStatusChanged", previous == null || !previous.equals(status));
        headers.put("heraldCurrent", true);
        headers.put("heraldReasonChanged", false);
        headers.put("heraldEtaMoved", false);
        return headers;
    }

    private static Map<String, Object> with(Map<String, Object> headers, String name, Object value) {
        headers.put(name, value);
        return headers;
    }

    static Stream<Arguments> transitions() {
        return Stream.of(
                Arguments.of("order placed", transition("order", null, "PLACED"), "order_confirmed",
                        "rule-order-confirmed"),
                Arguments.of("order paid", transition("order", "ON_HOLD", "PAID"), "order_confirmed",
                        "rule-order-confirmed"),
                Arguments.of("payment failed", transition("order", "PLACED", "PAYMENT_FAILED"), "payment_issue",
                        "rule-payment-issue"),
                Arguments.of("order cancelled", transition("order", "PAID", "CANCELLED"), "order_cancelled",
                        "rule-order-cancelled"),
                Arguments.of("order refunded", transition("order", "PAID", "REFUNDED"), "order_cancelled",
                        "rule-order-cancelled"),
                Arguments.of("first scan in transit", transition("shipment", null, "IN_TRANSIT"), "shipped",
                        "rule-shipped"),
                Arguments.of("label then in transit", transition("shipment", "INFO_RECEIVED", "IN_TRANSIT"),
                        "shipped", "rule-shipped"),
                Arguments.of("out for delivery", transition("shipment", "IN_TRANSIT", "OUT_FOR_DELIVERY"),
                        "out_for_delivery", "rule-out-for-delivery"),
                Arguments.of("out again after a missed attempt",
                        transition("shipment", "ATTEMPT_FAILED", "OUT_FOR_DELIVERY"), "out_for_delivery",
                        "rule-out-for-delivery"),
                Arguments.of("at a pickup point", transition("shipment", "IN_TRANSIT", "AVAILABLE_FOR_PICKUP"),
                        "available_for_pickup", "rule-available-for-pickup"),
                Arguments.of("missed attempt", transition("shipment", "OUT_FOR_DELIVERY", "ATTEMPT_FAILED"),
                        "attempt_failed", "rule-attempt-failed"),
                Arguments.of("delivered", transition("shipment", "OUT_FOR_DELIVERY", "DELIVERED"), "delivered",
                        "rule-delivered"),
                Arguments.of("returned", transition("shipment", "EXCEPTION", "RETURNED"), "returned",
                        "rule-returned"),
                Arguments.of("exception", transition("shipment", "IN_TRANSIT", "EXCEPTION"), "delayed",
                        "rule-delayed"),
                Arguments.of("exception with a new reason",
                        with(transition("shipment", "EXCEPTION", "EXCEPTION"), "heraldReasonChanged", true),
                        "delayed", "rule-delayed-new-reason"),
                Arguments.of("exception with a new ETA",
                        with(transition("shipment", "EXCEPTION", "EXCEPTION"), "heraldEtaMoved", true),
                        "delayed", "rule-delayed-new-eta"),
                Arguments.of("in transit, ETA moved",
                        with(transition("shipment", "IN_TRANSIT", "IN_TRANSIT"), "heraldEtaMoved", true),
                        "eta_changed", "rule-eta-changed"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transitions")
    void eachTransitionDecidesItsType(String name, Map<String, Object> headers, String type, String rule)
            throws Exception {
        decided.expectedMessageCount(1);

        producer.sendBodyAndHeaders("direct:notification-rules", "event", headers);

        decided.assertIsSatisfied();
        Exchange exchange = decided.getReceivedExchanges().get(0);
        assertThat(exchange.getMessage().getHeader("heraldNotificationType")).isEqualTo(type);
        assertThat(exchange.getMessage().getHeader("heraldRule")).isEqualTo(rule);
    }

    static Stream<Arguments> noNews() {
        return Stream.of(
                Arguments.of("older or superseded event", with(transition("shipment", "DELIVERED", "IN_TRANSIT"),
                        "heraldCurrent", false)),
                Arguments.of("same status again", transition("shipment", "IN_TRANSIT", "IN_TRANSIT")),
                Arguments.of("in transit after out for delivery",
                        transition("shipment", "OUT_FOR_DELIVERY", "IN_TRANSIT")),
                Arguments.of("in transit after an exception", transition("shipment", "EXCEPTION", "IN_TRANSIT")),
                Arguments.of("label created", transition("shipment", null, "INFO_RECEIVED")),
                Arguments.of("unknown status", transition("shipment", "IN_TRANSIT", "UNKNOWN")),
                Arguments.of("expired", transition("shipment", "IN_TRANSIT", "EXPIRED")),
                Arguments.of("order fulfilled", transition("order", "PAID", "FULFILLED")),
                Arguments.of("order paid again", transition("order", "PAID", "PAID")),
                Arguments.of("delivered ETA moved", with(transition("shipment", "DELIVERED", "DELIVERED"),
                        "heraldEtaMoved", true)),
                Arguments.of("customer event", transition("customer", null, null)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("noNews")
    void transitionsWithoutNewsDecideNothing(String name, Map<String, Object> headers) throws Exception {
        decided.expectedMessageCount(0);

        Exchange done = producer.send("direct:notification-rules", e -> {
            e.getMessage().setBody("event");
            e.getMessage().setHeaders(new HashMap<>(headers));
            e.getMessage().setHeader("heraldNotificationType", "left over from an earlier step");
        });

        decided.assertIsSatisfied();
        assertThat(done.getException()).isNull();
        assertThat(done.getMessage().getHeader("heraldNotificationType")).isNull();
    }

    @org.junit.jupiter.api.Test
    void everyRuleOfTheRouteIsTestedHere() throws Exception {
        String route = java.nio.file.Files.readString(java.nio.file.Path.of(
                "routes/core/notification-rules.camel.yaml"));
        List<String> rules = java.util.regex.Pattern.compile("- id: (rule-[a-z-]+)").matcher(route).results()
                .map(m -> m.group(1)).filter(id -> !id.equals("rule-no-news")).toList();
        List<Object> tested = transitions().map(a -> a.get()[3]).toList();

        assertThat(rules).isNotEmpty();
        assertThat(tested).containsAll(rules);
    }
}
