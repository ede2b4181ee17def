package io.herald.retention;

import io.herald.config.HeraldProperties;
import io.herald.customer.CustomerErasure;
import io.herald.ops.HeraldMetrics;
import io.herald.support.LateRouteStart;
import io.herald.support.SqlFiles;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/** The retention purge (routes/core/retention-purge.camel.yaml) and the bean it calls. */
@Configuration(proxyBeanMethods = false)
class RetentionConfiguration {

    /** The timer route of routes/core/retention-purge.camel.yaml. */
    static final String PURGE_ROUTE = "retention-purge";

    RetentionConfiguration(RetentionProperties retention, HeraldProperties properties) {
        check(retention, properties);
    }

    @Bean
    RetentionPurge retentionPurge(NamedParameterJdbcTemplate jdbc, SqlFiles sql, CustomerErasure erasure,
                                  HeraldMetrics metrics, RetentionProperties retention, Clock clock) {
        return new RetentionPurge(jdbc, sql, erasure, metrics, retention, clock);
    }

    /** Starts the purge route, which does not start with Camel, unless {@code herald.retention.auto-startup} is false. */
    @Bean
    CamelContextConfiguration retentionStart(RetentionProperties retention) {
        return LateRouteStart.of(PURGE_ROUTE, retention.autoStartup());
    }

    /**
     * Dedupe keys must outlive every way an old event can come back and still count: a kept intake payload replayed,
     * and an event young enough to notify. Otherwise the start fails.
     */
    static void check(RetentionProperties retention, HeraldProperties properties) {
        if (retention.dedupeKeys().compareTo(retention.intakePayloads()) < 0) {
            throw new IllegalStateException("herald.retention.dedupe-keys (" + retention.dedupeKeys()
                    + ") must be at least herald.retention.intake-payloads (" + retention.intakePayloads()
                    + "): a replayed payload's events would no longer be recognised");
        }
        if (retention.dedupeKeys().compareTo(properties.notifications().maxEventAge()) < 0) {
            throw new IllegalStateException("herald.retention.dedupe-keys (" + retention.dedupeKeys()
                    + ") must be at least herald.notifications.max-event-age ("
                    + properties.notifications().maxEventAge() + "): an event still young enough to notify would no longer be "
                    + "recognised as seen");
        }
        for (Duration period : List.of(retention.messageBodies(), retention.intakePayloads(),
                retention.conversations(), retention.dedupeKeys(), retention.timelines())) {
            if (period.isNegative() || period.isZero()) {
                throw new IllegalStateException("herald.retention.* periods must be positive, not " + period);
            }
        }
        if (retention.batchSize() < 1 || retention.period() < 1) {
            throw new IllegalStateException("herald.retention.batch-size and period must be positive");
        }
    }
}
