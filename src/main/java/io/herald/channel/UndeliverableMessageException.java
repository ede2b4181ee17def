package io.herald.channel;

/**
 * A message the channel cannot hand over as it is (no recipient, no body): every retry would send the same message,
 * so {@link DeliveryErrors} sorts it as permanent and it goes to the dead letter at once. Nothing was handed over.
 */
public class UndeliverableMessageException extends IllegalArgumentException {

    public UndeliverableMessageException(String message) {
        super(message);
    }
}
