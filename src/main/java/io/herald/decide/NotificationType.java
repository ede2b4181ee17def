package io.herald.decide;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The twelve notification types of DESIGN.md. Critical alerts stay on when a customer opts out of optional types,
 * are never capped and may skip the hold window. {@code rank} orders optional types by importance: when the fatigue
 * cap forces one out, the lowest rank goes first.
 */
public enum NotificationType {

    ORDER_CONFIRMED(false, 5),
    PAYMENT_ISSUE(true, 9),
    ORDER_CANCELLED(false, 6),
    SHIPPED(false, 2),
    ETA_CHANGED(false, 1),
    OUT_FOR_DELIVERY(false, 3),
    ATTEMPT_FAILED(true, 9),
    AVAILABLE_FOR_PICKUP(true, 9),
    DELIVERED(false, 8),
    DELAYED(true, 9),
    STALLED(false, 4),
    RETURNED(true, 9);

    private final boolean critical;
    private final int rank;

    NotificationType(boolean critical, int rank) {
        this.critical = critical;
        this.rank = rank;
    }

    /** The name used in routes, templates, settings and APIs: {@code out_for_delivery}. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean critical() {
        return critical;
    }

    /** Whether the fatigue cap counts it: optional types except {@code delivered}, which is never capped. */
    public boolean capped() {
        return !critical && this != DELIVERED;
    }

    /** Importance among optional types; a lower rank is dropped first when the cap is reached. */
    public int rank() {
        return rank;
    }

    public static Optional<NotificationType> fromWire(String wire) {
        return wire == null ? Optional.empty()
                : Arrays.stream(values()).filter(t -> t.wire().equals(wire)).findFirst();
    }

    public static NotificationType of(String wire) {
        return fromWire(wire).orElseThrow(() -> new IllegalArgumentException("Unknown notification type " + wire));
    }
}
