package io.herald.support;

import org.apache.camel.LoggingLevel;
import org.apache.camel.processor.errorhandler.RedeliveryPolicy;

/** The redelivery policies the route configurations refer to, built one way. */
public final class Redeliveries {

    private Redeliveries() {
    }

    /**
     * Redelivery with exponential backoff: the delay doubles from {@code delay} up to {@code maximumDelay} (both in
     * milliseconds), and each repeat is logged at WARN. Not while Herald stops: a message waiting for its next try
     * then fails at once (Camel's "Redelivery not allowed while stopping"), and is read again by the next owner of its
     * record (DeadLetters.refuseNotTheMessages), instead of holding the stop until Camel's timeout forces every
     * exchange in flight down, hand-offs on the wire included. (A channel's message that went to its provider and
     * whose recording failed is retried while Herald stops: CamelBeans.channelRedeliveryWhileStopping.)
     */
    public static RedeliveryPolicy exponential(int maximumRedeliveries, long delay, long maximumDelay) {
        RedeliveryPolicy policy = new RedeliveryPolicy();
        policy.setMaximumRedeliveries(maximumRedeliveries);
        policy.setRedeliveryDelay(delay);
        policy.setMaximumRedeliveryDelay(maximumDelay);
        policy.setUseExponentialBackOff(true);
        policy.setBackOffMultiplier(2);
        policy.setRetryAttemptedLogLevel(LoggingLevel.WARN);
        policy.setAllowRedeliveryWhileStopping(false);
        return policy;
    }
}
