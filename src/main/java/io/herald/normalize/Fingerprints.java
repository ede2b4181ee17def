package io.herald.normalize;

import io.herald.canonical.CanonicalEvent;
import io.herald.canonical.ShipmentStatus;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The fingerprint of an event: a hash of what it says, not of who said it or when it arrived. The same carrier scan
 * sent twice, or reported again inside a later webhook's history, has the same fingerprint.
 *
 * <p>A shipment event with status {@code UNKNOWN} is hashed without its time. Such events are mostly a carrier's "no
 * such number (yet)", which has no time of its own: mappings stamp it with the time of the answer, so every poll or
 * resend would otherwise make a new timeline row. An UNKNOWN event never changes a known status or notifies anyone,
 * so folding two of them that say the same is harmless.
 */
final class Fingerprints {

    private Fingerprints() {
    }

    static String of(CanonicalEvent event) {
        boolean timeless = event.shipment() != null && event.shipment().status() == ShipmentStatus.UNKNOWN;
        StringBuilder text = new StringBuilder()
                .append(event.type()).append('|')
                .append(timeless ? "-" : event.occurredAt().toInstant()).append('|');
        if (event.shipment() != null) {
            var s = event.shipment();
            text.append(s.carrier()).append('|').append(s.trackingNumber().trim().toUpperCase(java.util.Locale.ROOT)).append('|')
                    .append(s.status()).append('|').append(s.exceptionReason()).append('|')
                    .append(s.statusText()).append('|').append(s.location()).append('|')
                    .append(s.estimatedDelivery() == null ? null : s.estimatedDelivery().toInstant()).append('|')
                    .append(s.orderId()).append('|');
        }
        if (event.order() != null) {
            text.append(event.order()).append('|');
        }
        if (event.customer() != null) {
            text.append(event.customer()).append('|');
        }
        return sha256(text.toString());
    }

    private static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

}
