package io.herald.canonical;

/** Why a shipment is in {@link ShipmentStatus#EXCEPTION}. */
public enum ExceptionReason {
    WEATHER, ADDRESS, DAMAGED, LOST, CUSTOMS, DELAYED, REFUSED, RECIPIENT_UNAVAILABLE, OTHER
}
