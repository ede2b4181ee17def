package io.herald.decide;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The decide part of preferences, pure: the defaults, overridden by the stored rows (a source's consent or the
 * customer's own choice; a customer's row has already replaced a source's in the store), then the opt-outs.
 */
final class PreferenceResolver {

    private PreferenceResolver() {
    }

    static EffectivePreferences resolve(PreferenceProperties.Defaults defaults, List<PreferenceChoice> stored,
                                        boolean smsStopped, boolean emailUnsubscribed) {
        Map<String, Boolean> channels = new LinkedHashMap<>(defaults.channels());
        Map<String, Map<String, Boolean>> types = new LinkedHashMap<>();
        for (NotificationType type : NotificationType.values()) {
            Map<String, Boolean> perChannel = new LinkedHashMap<>();
            PreferenceProperties.CHANNELS.forEach(channel -> perChannel.put(channel, defaults.typeOn(type, channel)));
            types.put(type.wire(), perChannel);
        }
        for (PreferenceChoice choice : stored) {
            if (!PreferenceProperties.CHANNELS.contains(choice.channel())) {
                continue;
            }
            if (choice.wholeChannel()) {
                channels.put(choice.channel(), choice.enabled());
            } else {
                NotificationType.fromWire(choice.type()).filter(type -> !type.critical())
                        .ifPresent(type -> types.get(type.wire()).put(choice.channel(), choice.enabled()));
            }
        }
        return new EffectivePreferences(channels, types, smsStopped, emailUnsubscribed);
    }
}
