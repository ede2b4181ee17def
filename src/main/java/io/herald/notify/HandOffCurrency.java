package io.herald.notify;

/**
 * Asks, at a late hand-off, whether an attempt's news is still true: its order or shipment may have moved on while
 * the message waited in its outbound topic behind a spike, or for retries; and whether its recipient still takes it
 * (a STOP, an unsubscribe or a suppression since it was decided).
 */
public interface HandOffCurrency {

    /**
     * Records the claimed (SENDING) attempt SUPERSEDED, with the reason, when its decision is out of date by now or
     * its recipient no longer takes it, and answers whether it did; false while it may go, or when it has no decision.
     */
    boolean supersededIfOutOfDate(String attemptId);
}
