package io.herald.decide;

/**
 * What a decision is about: a shipment ({@code shipment:<carrier>:<trackingNumber>}) or an order
 * ({@code order:<orderId>}), as the state step keys them.
 */
public record Subject(String key, String carrier, String trackingNumber, String orderId) {

    public static Subject of(String key) {
        if (key.startsWith("shipment:")) {
            int colon = key.indexOf(':', "shipment:".length());
            return new Subject(key, key.substring("shipment:".length(), colon), key.substring(colon + 1), null);
        }
        if (key.startsWith("order:")) {
            return new Subject(key, null, null, key.substring("order:".length()));
        }
        throw new IllegalArgumentException("Not a subject of notifications: " + key);
    }

    public static Subject shipment(String carrier, String trackingNumber) {
        return new Subject("shipment:" + carrier + ":" + trackingNumber, carrier, trackingNumber, null);
    }

    public static Subject order(String orderId) {
        return new Subject("order:" + orderId, null, null, orderId);
    }

    public boolean isShipment() {
        return carrier != null;
    }
}
