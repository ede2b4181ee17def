package io.herald.support;

import org.apache.camel.LoggingLevel;
import org.apache.camel.processor.errorhandler.RedeliveryPolicy;

/** The redelivery policies the route configurations refer to, built one way. */
public final class Redeliveries {

    private Redeliveries() {
    }

    /**
     * Redelivery with exponential backoff: the delay doubles from {@code delay} up to {@code maximumDelay} (both in
     * milliseconds), and each repeat is logged at WARN.
     */
    public static RedeliveryPolicy exponential(int maximumRedeliveries, long delay, long maximumDelay) {
        RedeliveryPolicy policy = new RedeliveryPolicy();
        policy.setMaximumRedeliveries(maximumRedeliveries);
        policy.setRedeliveryDelay(delay);
        policy.setMaximumRedeliveryDelay(maximumDelay);
        policy.setUseExponentialBackOff(true);
        policy.setBackOffMultiplier(2);
        policy.setRetryAttemptedLogLevel(LoggingLevel.WARN);
        return policy;
    }
}
