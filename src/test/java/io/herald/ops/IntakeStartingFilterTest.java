package io.herald.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** Intake answers 503 with Retry-After, never 404, while the intake routes are not started. */
class IntakeStartingFilterTest {

    @Test
    void intakeAnswers503NotFoundWhileStarting() throws Exception {
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            camel.addRoutes(routes());
            IntakeReadiness readiness = new IntakeReadiness(camel);
            IntakeStartingFilter filter = new IntakeStartingFilter(readiness);

            MockHttpServletResponse starting = post(filter, "/api/v1/intake/wms");
            assertThat(starting.getStatus()).isEqualTo(503);
            assertThat(starting.getHeader("Retry-After")).isEqualTo("5");
            assertThat(starting.getContentType()).startsWith("application/problem+json");
            assertThat(starting.getContentAsString()).contains("\"status\":503");
            assertThat(readiness.health().getStatus()).isEqualTo(Status.DOWN);

            camel.start();
            assertThat(post(filter, "/api/v1/intake/wms").getStatus()).as("passed on").isEqualTo(200);
            assertThat(readiness.health().getStatus()).isEqualTo(Status.UP);

            camel.getRouteController().stopRoute("platform-webhooks-intake");
            assertThat(post(filter, "/api/v1/intake/wms").getStatus()).isEqualTo(503);
            assertThat(readiness.health().getStatus()).isEqualTo(Status.DOWN);
            camel.getRouteController().startRoute("platform-webhooks-intake");

            readiness.closing();
            assertThat(post(filter, "/api/v1/intake/wms").getStatus()).as("after shutdown began").isEqualTo(503);
            assertThat(readiness.health().getStatus()).isEqualTo(Status.DOWN);
        }
    }

    @Test
    void otherPathsAndRoutesLeftStoppedOnPurposeDoNotHoldIntakeBack() throws Exception {
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            camel.addRoutes(routes());
            IntakeReadiness readiness = new IntakeReadiness(camel);
            IntakeStartingFilter filter = new IntakeStartingFilter(readiness);

            assertThat(post(filter, "/api/v1/normalize/wms").getStatus()).isEqualTo(200);

            camel.start();
            assertThat(camel.getRouteController().getRouteStatus("carrier-tracking-poll").isStarted()).isFalse();
            assertThat(post(filter, "/api/v1/intake/wms").getStatus()).isEqualTo(200);
            assertThat(readiness.health().getStatus()).isEqualTo(Status.UP);
        }
    }

    @Test
    void aConsumerStoppedAfterStartKeepsIntakeReadyAndIsNamedInTheDetails() throws Exception {
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            camel.addRoutes(routes());
            IntakeReadiness readiness = new IntakeReadiness(camel);
            IntakeStartingFilter filter = new IntakeStartingFilter(readiness);
            camel.start();
            assertThat(readiness.health().getStatus()).isEqualTo(Status.UP);

            camel.getRouteController().stopRoute("events-decide");

            Health paused = readiness.health();
            assertThat(paused.getStatus()).as("Kafka holds the events while an operator pauses their consumer")
                    .isEqualTo(Status.UP);
            assertThat(paused.getDetails()).containsEntry("routesStopped", List.of("events-decide"));
            assertThat(post(filter, "/api/v1/intake/wms").getStatus()).isEqualTo(200);
        }
    }

    private static RouteBuilder routes() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:intake").routeId("platform-webhooks-intake").log("intake");
                from("direct:events").routeId("events-decide").log("decide");
                from("direct:poll").routeId("carrier-tracking-poll").autoStartup(false).log("poll");
            }
        };
    }

    private static MockHttpServletResponse post(IntakeStartingFilter filter, String path) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", path);
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(request, response, new MockFilterChain());
        return response;
    }
}
