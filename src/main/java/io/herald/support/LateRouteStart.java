package io.herald.support;

import org.apache.camel.CamelContext;
import org.apache.camel.spring.boot.CamelContextConfiguration;

/**
 * Starts a timer route that does not start with Camel ({@code autoStartup: false}) once the application has started,
 * unless its {@code herald.<area>.auto-startup} setting is false: then it is started on demand (the integration tests
 * start such a route only in the test that is about it).
 */
public final class LateRouteStart {

    private LateRouteStart() {
    }

    /** A configuration that starts {@code routeId} after the application's start when {@code autoStartup} holds. */
    public static CamelContextConfiguration of(String routeId, boolean autoStartup) {
        return new CamelContextConfiguration() {
            @Override
            public void beforeApplicationStart(CamelContext camel) {
                // nothing to prepare
            }

            @Override
            public void afterApplicationStart(CamelContext camel) {
                if (!autoStartup) {
                    return;
                }
                try {
                    camel.getRouteController().startRoute(routeId);
                } catch (Exception e) {
                    throw new IllegalStateException("The route " + routeId + " did not start", e);
                }
            }
        };
    }
}
