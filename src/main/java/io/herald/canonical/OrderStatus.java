package io.herald.canonical;

/** The canonical order statuses. */
public enum OrderStatus {
    PLACED, PAYMENT_FAILED, PAID, FULFILLED, CANCELLED, REFUNDED, ON_HOLD
}
