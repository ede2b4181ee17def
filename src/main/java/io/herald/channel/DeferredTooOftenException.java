package io.herald.channel;

/**
 * An attempt deferred to the republish sweep as often as its budget allows, and failed once more: its recipient kept
 * being deferred by the relay ({@code herald.channels.email.max-recipient-deferrals}), or it kept failing alone while
 * its channel delivered other messages ({@code herald.channels.retry.max-set-asides}). {@link DeliveryErrors} sorts
 * it as permanent, so it goes to the dead letter with the last failure, as a refusal does. Nothing was handed over.
 */
public class DeferredTooOftenException extends RuntimeException {

    private DeferredTooOftenException(String message) {
        super(message);
    }

    public static DeferredTooOftenException recipient(int deferrals, String lastReply) {
        return new DeferredTooOftenException("The relay deferred the recipient " + deferrals
                + " times; its last reply: " + lastReply);
    }

    public static DeferredTooOftenException ownFailure(int setAsides, String lastFailure) {
        return new DeferredTooOftenException("Failed alone while its channel delivered other messages, set aside "
                + setAsides + " times; its last failure: " + lastFailure);
    }
}
