package io.herald.canonical;

/** The canonical shipment statuses. A status a mapping cannot place becomes {@link #UNKNOWN}. */
public enum ShipmentStatus {
    INFO_RECEIVED, IN_TRANSIT, OUT_FOR_DELIVERY, AVAILABLE_FOR_PICKUP, ATTEMPT_FAILED, DELIVERED, EXCEPTION,
    RETURNED, EXPIRED, UNKNOWN;

    /** Final statuses: nothing more will happen to the shipment. */
    public boolean isFinal() {
        return this == DELIVERED || this == RETURNED || this == EXPIRED;
    }
}
