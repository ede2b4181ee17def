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
    /** Set by the rules: the notification type to send. */
    public static final String NOTIFICATION_TYPE = "heraldNotificationType";

    private RuleHeaders() {
    }
}
