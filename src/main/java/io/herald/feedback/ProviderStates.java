package io.herald.feedback;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * How a provider's report moves a channel attempt (docs/feedback.md). Twilio's message statuses: queued, accepted,
 * scheduled, sending and sent are SENT; delivered and read are DELIVERED; undelivered is UNDELIVERED; failed is FAILED.
 * The others (canceled, receiving, received, partially_delivered) move nothing.
 *
 * <p>A state never goes backwards: SENT only leaves a hand-off in progress or of unknown outcome; UNDELIVERED and
 * FAILED are final; DELIVERED wins over any other state, the other final ones included (the provider saw it arrive).
 * Callbacks come out of order, so a late {@code sent} after {@code delivered} finds nothing to move.
 */
public final class ProviderStates {

    public static final String SENT = "SENT";
    public static final String DELIVERED = "DELIVERED";
    public static final String UNDELIVERED = "UNDELIVERED";
    public static final String FAILED = "FAILED";

    private static final Map<String, String> TWILIO = Map.of(
            "queued", SENT, "accepted", SENT, "scheduled", SENT, "sending", SENT, "sent", SENT,
            "delivered", DELIVERED, "read", DELIVERED,
            "undelivered", UNDELIVERED,
            "failed", FAILED);

    private static final Map<String, List<String>> MOVES_FROM = Map.of(
            SENT, List.of("SENDING", "UNKNOWN"),
            UNDELIVERED, List.of("SENDING", "UNKNOWN", SENT),
            FAILED, List.of("SENDING", "UNKNOWN", SENT),
            DELIVERED, List.of("SENDING", "UNKNOWN", SENT, UNDELIVERED, FAILED));

    private ProviderStates() {
    }

    /** The attempt state a Twilio {@code MessageStatus} reports; empty for a status that moves nothing. */
    public static Optional<String> ofTwilio(String messageStatus) {
        return messageStatus == null ? Optional.empty()
                : Optional.ofNullable(TWILIO.get(messageStatus.strip().toLowerCase(Locale.ROOT)));
    }

    /** The states an attempt may leave for {@code target}. */
    public static List<String> movesFrom(String target) {
        return MOVES_FROM.getOrDefault(target, List.of());
    }

    /** Whether a report of {@code target} moves an attempt now in {@code current}. */
    public static boolean moves(String current, String target) {
        return movesFrom(target).contains(current);
    }

    /** Whether the provider gave up on the attempt: a critical alert then falls back to the other channel. */
    public static boolean failed(String state) {
        return UNDELIVERED.equals(state) || FAILED.equals(state);
    }
}
