package io.herald.ops;

import java.util.List;
import java.util.function.Predicate;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.ServiceStatus;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Whether Herald takes payloads: Camel is started, shutdown has not begun, and every route that Camel starts by
 * itself is started. Tomcat listens before Camel's routes are up, so without this check a webhook sent while Herald
 * starts would get 404, which a sender takes as final. {@link IntakeStartingFilter} answers 503 for the HTTP intake
 * until the intake routes (id ending in {@code -intake}) are started; as the health component {@code intake}, part of
 * {@code /actuator/health/readiness}, it reads DOWN until every auto-started route (intakes and Kafka consumers) is.
 * Routes left stopped on purpose ({@code autoStartup: false}, such as carrier polling when it is off) do not count.
 *
 * <p>Once every route has started, only the intake routes and shutdown make it DOWN. A consumer route an operator
 * stops later (Hawtio, JMX) leaves it UP and is named in {@code routesStopped}: intake still answers 202 and Kafka
 * holds the events, so a load balancer that routes by readiness has no reason to stop sending.
 */
@Component("intakeHealthIndicator")
public class IntakeReadiness implements HealthIndicator {

    static final String INTAKE_ROUTE_SUFFIX = "-intake";

    private final CamelContext camel;
    private volatile boolean closing;
    /** Every auto-started route was started at some point: from then on, only the intake routes count. */
    private volatile boolean startedOnce;

    public IntakeReadiness(CamelContext camel) {
        this.camel = camel;
    }

    /** True once every intake route is started, until shutdown begins. */
    public boolean intakeStarted() {
        return notStarted(IntakeReadiness::isIntake).isEmpty();
    }

    @Override
    public Health health() {
        List<String> notStarted = notStarted(route -> true);
        if (notStarted.isEmpty()) {
            startedOnce = true;
            return Health.up().build();
        }
        List<String> waiting = startedOnce ? notStarted(IntakeReadiness::isIntake) : notStarted;
        return waiting.isEmpty() ? Health.up().withDetail("routesStopped", notStarted).build()
                : Health.down().withDetail("camel", camel.getStatus().name())
                        .withDetail("closing", closing)
                        .withDetail("routesNotStarted", waiting).build();
    }

    private static boolean isIntake(Route route) {
        return route.getRouteId().endsWith(INTAKE_ROUTE_SUFFIX);
    }

    /** Shutdown has begun: stop taking intake before anything else stops. */
    @EventListener(ContextClosedEvent.class)
    void closing() {
        closing = true;
    }

    private List<String> notStarted(Predicate<Route> which) {
        if (closing || !camel.getStatus().isStarted()) {
            return List.of("*");
        }
        return camel.getRoutes().stream()
                .filter(route -> !Boolean.FALSE.equals(route.isAutoStartup()) && which.test(route))
                .filter(route -> !started(camel.getRouteController().getRouteStatus(route.getRouteId())))
                .map(Route::getRouteId)
                .toList();
    }

    private static boolean started(ServiceStatus status) {
        return status != null && status.isStarted();
    }
}
