package io.herald.channel;

import java.time.Duration;

/**
 * The attempt is SENDING, and its hand-off began within the lease: another instance may be handing it over right
 * now. Not a failure of the provider; the channel route's retries look again later, and take the attempt over once the
 * lease has run out.
 */
public class HandOffInFlightException extends RuntimeException {

    public HandOffInFlightException(String notificationId, Duration lease) {
        super("Notification " + notificationId + " is being handed to its channel; taken over if still without an "
                + "outcome " + lease.toSeconds() + " s after its hand-off began");
    }
}
