package io.herald.tracking;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.herald.ops.HeraldMetrics;
import io.herald.ops.SourceHealth;
import io.herald.support.LateRouteStart;
import io.herald.support.Redeliveries;
import io.herald.support.SqlFiles;
import java.time.Clock;
import java.util.Map;
import org.apache.camel.LoggingLevel;
import org.apache.camel.Processor;
import org.apache.camel.processor.errorhandler.RedeliveryPolicy;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/** The beans of carrier polling that routes/polling and routes/_shared refer to by name. */
@Configuration(proxyBeanMethods = false)
class PollingConfiguration {

    /** The timer route of routes/polling/carrier-tracking-poll.camel.yaml. */
    static final String POLL_ROUTE = "carrier-tracking-poll";

    PollingConfiguration(PollingProperties properties) {
        check(properties);
    }

    @Bean
    CarrierTokens carrierTokens(ObjectMapper json, HeraldMetrics metrics) {
        return new CarrierTokens(json, metrics, Clock.systemUTC());
    }

    @Bean
    CarrierPolls carrierPolls(NamedParameterJdbcTemplate jdbc, SqlFiles sql, PollingProperties properties,
                              HeraldMetrics metrics, SourceHealth sourceHealth, Clock clock) {
        return new CarrierPolls(jdbc, sql, properties, metrics, sourceHealth, clock);
    }

    /**
     * Starts the poll timer route, which does not start with Camel ({@code autoStartup: false}), unless
     * {@code herald.polling.auto-startup} is false: then it is started on demand (the integration tests run it only in
     * the polling test). Which carriers are polled is {@code herald.polling.carriers.*.enabled}.
     */
    @Bean
    CamelContextConfiguration pollingStart(@Value("${herald.polling.auto-startup:true}") boolean autoStartup) {
        return LateRouteStart.of(POLL_ROUTE, autoStartup);
    }

    /** Before a failed track call is repeated: fresh credentials ({@code onRedeliveryRef}). */
    @Bean
    Processor carrierRequestRenew(CarrierRequests requests) {
        return requests::renew;
    }

    /** How a failed track call (IO error, 5xx) is repeated: exponential backoff from {@code herald.polling.retry}. */
    @Bean
    RedeliveryPolicy pollRedelivery(PollingProperties properties) {
        PollingProperties.Retry retry = properties.retry();
        RedeliveryPolicy policy = Redeliveries.exponential(retry.maximumRedeliveries(),
                retry.redeliveryDelay(), retry.maximumRedeliveryDelay());
        policy.setRetriesExhaustedLogLevel(LoggingLevel.WARN);
        policy.setLogStackTrace(false);
        return policy;
    }

    /** A polled carrier Herald has no API for, or without a base URL, stops the start. */
    private static void check(PollingProperties properties) {
        for (Map.Entry<String, PollingProperties.Carrier> entry : properties.polledCarriers().entrySet()) {
            if (CarrierApi.of(entry.getKey()).isEmpty()) {
                throw new IllegalStateException("herald.polling.carriers." + entry.getKey()
                        + ": Herald can poll only ups, fedex, usps and dhl");
            }
            if (entry.getValue().baseUrl() == null) {
                throw new IllegalStateException("herald.polling.carriers." + entry.getKey() + ".base-url is not set");
            }
        }
    }
}
