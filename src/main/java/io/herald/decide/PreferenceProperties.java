package io.herald.decide;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Preference settings, under {@code herald.preferences}.
 *
 * @param defaults what a customer gets before choosing anything and without a source's consent
 */
@ConfigurationProperties("herald.preferences")
public record PreferenceProperties(@DefaultValue Defaults defaults) {

    /** The channels a customer can be asked about, in the order the preferences API lists them. */
    public static final List<String> CHANNELS = List.of("email", "sms", "push");

    /**
     * @param channels per channel ({@code email}, {@code sms}, {@code push}), whether it is on; unnamed channels keep
     *                 the built-in default: email and SMS on, push off
     * @param types    per type and channel, whether the type is on; unnamed ones are on. A type may be written
     *                 {@code out-for-delivery} or {@code out_for_delivery}. A critical type cannot be off.
     */
    public record Defaults(Map<String, Boolean> channels, Map<String, Map<String, Boolean>> types) {

        private static final Map<String, Boolean> BUILT_IN = Map.of("email", true, "sms", true, "push", false);

        public Defaults {
            Map<String, Boolean> merged = new LinkedHashMap<>();
            CHANNELS.forEach(channel -> merged.put(channel, BUILT_IN.get(channel)));
            (channels == null ? Map.<String, Boolean>of() : channels).forEach((channel, on) ->
                    merged.put(knownChannel(channel), on));
            channels = Collections.unmodifiableMap(merged);

            Map<String, Map<String, Boolean>> byType = new LinkedHashMap<>();
            (types == null ? Map.<String, Map<String, Boolean>>of() : types).forEach((key, perChannel) -> {
                NotificationType type = typeOf(key);
                Map<String, Boolean> checked = new LinkedHashMap<>();
                perChannel.forEach((channel, on) -> {
                    if (type.critical() && !on) {
                        throw new IllegalArgumentException("herald.preferences.defaults.types: " + type.wire()
                                + " is a critical alert and cannot be off");
                    }
                    checked.put(knownChannel(channel), on);
                });
                byType.put(type.wire(), Collections.unmodifiableMap(checked));
            });
            types = Collections.unmodifiableMap(byType);
        }

        /** Whether the type is on for the channel before the customer chose anything. */
        public boolean typeOn(NotificationType type, String channel) {
            return type.critical() || types.getOrDefault(type.wire(), Map.of()).getOrDefault(channel, true);
        }

        private static String knownChannel(String channel) {
            if (!CHANNELS.contains(channel)) {
                throw new IllegalArgumentException("herald.preferences.defaults: unknown channel " + channel
                        + "; known are " + CHANNELS);
            }
            return channel;
        }

        /** Spring drops the {@code _} of map keys that are not bracketed, so {@code outfordelivery} is accepted too. */
        private static NotificationType typeOf(String key) {
            String plain = key.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
            for (NotificationType type : NotificationType.values()) {
                if (type.wire().replace("_", "").equals(plain)) {
                    return type;
                }
            }
            throw new IllegalArgumentException("herald.preferences.defaults.types: unknown notification type " + key);
        }
    }
}
