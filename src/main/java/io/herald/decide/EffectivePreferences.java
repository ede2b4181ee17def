package io.herald.decide;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A customer's preferences as they apply now: the defaults, overridden by a source's consent, overridden by the
 * customer's own choices; and the two opt-outs that only the customer can lift (docs/operations.md, "Preferences").
 *
 * @param channels          per channel, whether it is switched on
 * @param types             per type (wire name) and channel, whether the type is on; critical types always are
 * @param smsStopped        the phone number sent STOP and has not sent START, YES or UNSTOP since
 * @param emailUnsubscribed the customer unsubscribed from email: optional types do not go by email
 */
public record EffectivePreferences(Map<String, Boolean> channels, Map<String, Map<String, Boolean>> types,
                                   boolean smsStopped, boolean emailUnsubscribed) {

    public EffectivePreferences {
        channels = Collections.unmodifiableMap(new LinkedHashMap<>(channels));
        Map<String, Map<String, Boolean>> copy = new LinkedHashMap<>();
        types.forEach((type, perChannel) -> copy.put(type, Collections.unmodifiableMap(new LinkedHashMap<>(perChannel))));
        types = Collections.unmodifiableMap(copy);
    }

    /**
     * Whether this type may go by this channel: channel switched on (sms never when stopped), and type on for that
     * channel; a critical type cannot be off by type, and an email unsubscribe switches off only optional types by
     * email.
     */
    public boolean allows(NotificationType type, String channel) {
        if (!channels.getOrDefault(channel, false)) {
            return false;
        }
        if ("sms".equals(channel) && smsStopped) {
            return false;
        }
        if (type.critical()) {
            return true;
        }
        if ("email".equals(channel) && emailUnsubscribed) {
            return false;
        }
        return types.getOrDefault(type.wire(), Map.of()).getOrDefault(channel, false);
    }

    /**
     * Why an attempt of this type by this channel, decided before, may no longer be handed over: its number sent
     * STOP, or the customer unsubscribed from email or switched the type or the channel off since. A critical email
     * is not withdrawn so, as it may be the fallback of last resort, which the customer's email choices do not stop
     * ({@code NotificationDecisions.fallBack}). Empty while it may go.
     */
    public Optional<String> withdrawal(NotificationType type, String channel) {
        if ("email".equals(channel) && type.critical() || allows(type, channel)) {
            return Optional.empty();
        }
        if ("sms".equals(channel) && smsStopped) {
            return Optional.of("withdrawn: the number sent STOP");
        }
        if ("email".equals(channel) && emailUnsubscribed) {
            return Optional.of("withdrawn: the customer unsubscribed from email");
        }
        return Optional.of("withdrawn: the customer no longer takes " + type.wire() + " by " + channel);
    }
}
