package io.herald.ops;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/** Shows {@link SourceHealth} as the {@code sources} component of {@code /actuator/health}. */
@Component("sources")
class SourcesHealthIndicator implements HealthIndicator {

    private final SourceHealth sources;

    SourcesHealthIndicator(SourceHealth sources) {
        this.sources = sources;
    }

    @Override
    public Health health() {
        return sources.health();
    }
}
