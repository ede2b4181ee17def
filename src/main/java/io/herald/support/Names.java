package io.herald.support;

/**
 * The one home of the names that routes (YAML), Java and SQL share: message headers, exchange properties, and the
 * settings that name Kafka topics. A route or SQL file that uses a {@code herald*} name not declared here fails
 * {@code SharedNamesTest}.
 */
public final class Names {

    private Names() {
    }

    /** Message headers. Those of intake travel with an event onto Kafka; the others live inside one stage. */
    public static final class Header {

        /** Intake: the source id of the payload. */
        public static final String SOURCE = "heraldSource";
        /** Intake: "true" on an event that a later event of the same payload supersedes; it notifies nobody. */
        public static final String SUPERSEDED = "heraldSuperseded";

        /** State step: the event's fingerprint, which the idempotent consumer keeps. */
        public static final String FINGERPRINT = "heraldFingerprint";
        /** State step: shipment, order or customer. */
        public static final String EVENT_TYPE = "heraldEventType";
        /** State step: {@code shipment:<carrier>:<trackingNumber>}, {@code order:<orderId>}. */
        public static final String SUBJECT_KEY = "heraldSubjectKey";
        /** State step: the subject's status after the event. */
        public static final String STATUS = "heraldStatus";
        /** State step: the subject's status before the event. */
        public static final String PREVIOUS_STATUS = "heraldPreviousStatus";
        /** State step: whether the status changed. */
        public static final String STATUS_CHANGED = "heraldStatusChanged";
        /** State step: the event is the newest of its subject, not superseded, and recent enough to tell anyone. */
        public static final String CURRENT = "heraldCurrent";
        /** State step: the shipment's exception reason now, when it has one. */
        public static final String EXCEPTION_REASON = "heraldExceptionReason";
        /** State step: the exception reason differs from the stored one. */
        public static final String REASON_CHANGED = "heraldReasonChanged";
        /** State step: the ETA moved to another day in the recipient's zone, or beyond the threshold. */
        public static final String ETA_MOVED = "heraldEtaMoved";
        /** State step: the ETA before this event, when it moved. */
        public static final String PREVIOUS_ETA = "heraldPreviousEta";

        /** Rules: the notification type chosen. */
        public static final String NOTIFICATION_TYPE = "heraldNotificationType";
        /** Rules: the id of the rule that matched. */
        public static final String RULE = "heraldRule";

        /** Publishing: the channel of an outbound message. */
        public static final String CHANNEL = "heraldChannel";

        private Header() {
        }
    }

    /** Exchange properties. */
    public static final class Property {

        /** Intake: how many events a payload gave. */
        public static final String EVENT_COUNT = "heraldEventCount";
        /** Intake: when the newest of them happened. */
        public static final String NEWEST_EVENT_AT = "heraldNewestEventAt";
        /** Intake: why the payload was refused. */
        public static final String REJECTION = "heraldRejection";
        /** File drop: the source's folder, the outcome sub-folder, the file's name and its report. */
        public static final String FILE_FOLDER = "heraldFileFolder";
        public static final String FILE_OUTCOME = "heraldFileOutcome";
        public static final String FILE_NAME = "heraldFileName";
        public static final String FILE_REPORT = "heraldFileReport";
        /** Legacy table: the id of the row taken, and why it was refused. */
        public static final String ROW_ID = "heraldRowId";
        public static final String ROW_REASON = "heraldRowReason";
        /** Carrier polls: the shipment polled and the carrier's base URL. */
        public static final String POLL_TARGET = "heraldPollTarget";
        public static final String POLL_BASE_URL = "heraldPollBaseUrl";
        /** Channels: the outbound message being sent. */
        public static final String OUTBOUND = "heraldOutbound";
        /** Channels: the hand-off of this exchange went through; a retry only records it. */
        public static final String HANDED_OVER = "heraldHandedOver";
        /** Channels: the attempt was taken over from a stopped hand-off that began at this instant. */
        public static final String RESUMED_SINCE = "heraldResumedSince";
        /** Dead letter: the channel attempt that failed, and why, for the fallback. */
        public static final String FAILED_NOTIFICATION = "heraldFailedNotification";
        public static final String FAILURE_REASON = "heraldFailureReason";
        /** Dead letter: the Kafka record is a dead letter of its stage already (its batch was read again). */
        public static final String DEAD_LETTER_REPEATED = "heraldDeadLetterRepeated";
        /** Dead letter: the failure is not the message's, and the dead letter refused it (DeadLetters). */
        public static final String NOT_A_DEAD_LETTER = "heraldNotADeadLetter";
        /** Kafka batches: the records a batch publishes at its end, and each partition's last record to commit. */
        public static final String BATCH_OUTBOX = "heraldBatchOutbox";
        public static final String BATCH_COMMITS = "heraldBatchCommits";
        /** Channel batches: the attempts the batch claimed together, by id, with the instant of the claim. */
        public static final String BATCH_CLAIMS = "heraldBatchClaims";
        /** Channels: the hand-offs of this exchange's attempt that failed so far. */
        public static final String HAND_OFF_FAILURES = "heraldHandOffFailures";
        /** Channels: the hand-offs its channel had recorded SENT when this exchange's attempt first failed. */
        public static final String CHANNEL_SENT_AT_FIRST_FAILURE = "heraldChannelSentAtFirstFailure";
        /** Batches of herald.events: what their events read by fingerprint, read once for the batch. */
        public static final String BATCH_READS = "heraldBatchReads";
        /** Push channel: the JSON body built once per message. */
        public static final String PUSH_PAYLOAD = "heraldPushPayload";
        /** The republish sweep: its last batch published nothing, so the sweep ends. */
        public static final String REPUBLISHED_NONE = "heraldRepublishedNone";

        private Property() {
        }
    }

    /** The settings that name Kafka topics; routes write them as {@code {{herald.kafka.topics.<name>}}}. */
    public static final class Topic {

        public static final String EVENTS = "herald.kafka.topics.events";
        public static final String DLQ = "herald.kafka.topics.dlq";
        public static final String WMS_SHIPMENTS = "herald.kafka.topics.wms-shipments";
        /** A pattern: herald.in.<source>. */
        public static final String SOURCES = "herald.kafka.topics.sources";
        public static final String OUTBOUND_EMAIL = "herald.kafka.topics.outbound-email";
        public static final String OUTBOUND_SMS = "herald.kafka.topics.outbound-sms";
        public static final String OUTBOUND_PUSH = "herald.kafka.topics.outbound-push";

        private Topic() {
        }
    }
}
