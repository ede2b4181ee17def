package io.herald.decide;

import java.util.EnumSet;
import java.util.Set;

/** Where a decision stands (DESIGN.md, "Decide and deliver"). Its channel attempts have states of their own. */
public enum DecisionState {
    /** Decided, but its order or customer is not known yet; sent once they are, if still current. */
    AWAITING_CUSTOMER,
    /** Waiting out the hold window; a newer status of the same subject supersedes it. */
    HELD,
    /** Waiting for the end of the recipient's quiet hours, on some channels. */
    DEFERRED,
    /** Handed to its channels. */
    DECIDED,
    /** Not sent: a newer status, or out of date when it was due. */
    SUPERSEDED,
    /** Not sent: a cap, a preference, a switched-off rule, or no channel. */
    SUPPRESSED,
    /** Not sent: a repeat, or its customer never became known. */
    DROPPED;

    /** The states that wait for a due time, and are released by the timer. */
    public static final Set<DecisionState> PENDING = EnumSet.of(AWAITING_CUSTOMER, HELD, DEFERRED);

    public boolean pending() {
        return PENDING.contains(this);
    }
}
