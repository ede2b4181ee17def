package io.herald.rules;

/** Headers that the state step sets for the trigger rules in {@code routes/core/notification-rules.camel.yaml}. */
public final class RuleHeaders {

    public static final String EVENT_TYPE = "heraldEventType";
    public static final String SUBJECT_KEY = "heraldSubjectKey";
    public static final String STATUS = "heraldStatus";
    public static final String PREVIOUS_STATUS = "heraldPreviousStatus";
    public static final String STATUS_CHANGED = "heraldStatusChanged";
    /** True when the event is the newest of its subject, not superseded, and recent enough to tell anyone. */
    public static final String CURRENT = "heraldCurrent";
    /** The shipment's exception reason now, when it has one. */
    public static final String EXCEPTION_REASON = "heraldExceptionReason";
    /** True when the exception reason differs from the stored one. */
    public static final String REASON_CHANGED = "heraldReasonChanged";
    /** True when the estimated delivery moved to another day in the recipient's zone, or beyond the threshold. */
    public static final String ETA_MOVED = "heraldEtaMoved";
    /** The estimated delivery before this event, when it moved. */
    public static final String PREVIOUS_ETA = "heraldPreviousEta";
    /** Set by the rules: the id of the rule that matched. */
    public static final String RULE = "heraldRule";
    /** Set by the rules: the notification type to send. */
    public static final String NOTIFICATION_TYPE = "heraldNotificationType";

    private RuleHeaders() {
    }
}
