package io.herald.notify;

/**
 * Asks, at a late hand-off, whether an attempt's news is still true: its order or shipment may have moved on while
 * the message waited in its outbound topic behind a spike, or for retries.
 */
public interface HandOffCurrency {

    /**
     * Records the claimed (SENDING) attempt SUPERSEDED, with the reason, when its decision is out of date by now, and
     * answers whether it did; false while it is current, or when it has no decision.
     */
    boolean supersededIfOutOfDate(String attemptId);
}
