package io.herald.normalize;

/** Why intake refused a payload. Each reason has its HTTP status and a stable code for metrics and the dead letter. */
public enum RejectReason {
    UNKNOWN_SOURCE(404, "Unknown source"),
    PAYLOAD_TOO_LARGE(400, "Payload too large"),
    UNPARSEABLE(400, "Payload cannot be parsed"),
    INVALID_ENCODING(400, "Payload is not valid in its character encoding"),
    MAPPING_FAILED(422, "Payload cannot be mapped"),
    INVALID_EVENT(422, "Mapped event is invalid"),
    INVALID_TRACKING_NUMBER(422, "Tracking number does not fit its carrier"),
    INVALID_PHONE(422, "Phone number cannot be made E.164"),
    INVALID_EMAIL(422, "Email address is not valid");

    private final int httpStatus;
    private final String title;

    RejectReason(int httpStatus, String title) {
        this.httpStatus = httpStatus;
        this.title = title;
    }

    public int httpStatus() {
        return httpStatus;
    }

    public String title() {
        return title;
    }
}
