package io.herald.normalize;

/**
 * A payload that intake refuses. The detail is safe to show to the sender: it never quotes file contents or stack
 * traces.
 */
public class IntakeRejectedException extends RuntimeException {

    private final RejectReason reason;

    public IntakeRejectedException(RejectReason reason, String detail) {
        super(detail);
        this.reason = reason;
    }

    public IntakeRejectedException(RejectReason reason, String detail, Throwable cause) {
        super(detail, cause);
        this.reason = reason;
    }

    /** The rejection behind a failure, however deeply wrapped, or null when the failure is something else. */
    public static IntakeRejectedException findIn(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof IntakeRejectedException rejected) {
                return rejected;
            }
        }
        return null;
    }

    public RejectReason reason() {
        return reason;
    }
}
