package io.herald.config;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.health.AdditionalHealthEndpointPath;
import org.springframework.boot.actuate.health.HealthEndpointGroup;
import org.springframework.boot.actuate.health.HealthEndpointGroups;
import org.springframework.boot.actuate.health.HealthEndpointGroupsPostProcessor;
import org.springframework.boot.actuate.health.HttpCodeStatusMapper;
import org.springframework.boot.actuate.health.StatusAggregator;

/**
 * With the login on, {@code /actuator/health} and its groups (liveness, readiness) answer a caller without the login
 * with the status alone: no components, no details (DESIGN.md, "Who may call what"). A caller with the login sees what
 * {@code management.endpoint.health.show-details} and {@code show-components} allow. The default run, which needs no
 * login, keeps showing everything: {@link SecurityConfiguration} registers this only when
 * {@code herald.security.console-login-required} is true, so turning the login on is the one setting.
 */
class HealthDetailsForOperators implements HealthEndpointGroupsPostProcessor {

    @Override
    public HealthEndpointGroups postProcessHealthEndpointGroups(HealthEndpointGroups groups) {
        Map<String, HealthEndpointGroup> named = new LinkedHashMap<>();
        for (String name : groups.getNames()) {
            named.put(name, new LoggedInOnly(groups.get(name)));
        }
        return HealthEndpointGroups.of(new LoggedInOnly(groups.getPrimary()), named);
    }

    /** A group as configured, whose components and details need a caller who logged in. */
    private record LoggedInOnly(HealthEndpointGroup group) implements HealthEndpointGroup {

        @Override
        public boolean isMember(String name) {
            return group.isMember(name);
        }

        @Override
        public boolean showComponents(SecurityContext context) {
            return context.getPrincipal() != null && group.showComponents(context);
        }

        @Override
        public boolean showDetails(SecurityContext context) {
            return context.getPrincipal() != null && group.showDetails(context);
        }

        @Override
        public StatusAggregator getStatusAggregator() {
            return group.getStatusAggregator();
        }

        @Override
        public HttpCodeStatusMapper getHttpCodeStatusMapper() {
            return group.getHttpCodeStatusMapper();
        }

        @Override
        public AdditionalHealthEndpointPath getAdditionalPath() {
            return group.getAdditionalPath();
        }
    }
}
