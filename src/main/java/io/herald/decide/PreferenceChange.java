package io.herald.decide;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A customer's change to their preferences, read from a partial matrix of the preferences API's shape:
 * {@code {"channels": {"sms": false}, "types": {"shipped": {"email": false}}, "emailUnsubscribed": false}}. Pure: it
 * refuses unknown fields, types and channels, values that are not booleans, and a critical type switched off.
 * {@code smsStopped} is read-only: only STOP and START from the phone change it, so it may be sent back unchanged.
 *
 * @param choices           the switches to store
 * @param emailUnsubscribed null when the change does not say
 */
public record PreferenceChange(List<PreferenceChoice> choices, Boolean emailUnsubscribed) {

    /** A change that cannot be applied, with every reason. */
    public static final class Invalid extends RuntimeException {

        private final List<String> errors;

        Invalid(List<String> errors) {
            super(String.join("; ", errors));
            this.errors = List.copyOf(errors);
        }

        public List<String> errors() {
            return errors;
        }
    }

    public static PreferenceChange parse(JsonNode body, EffectivePreferences current) {
        List<String> errors = new ArrayList<>();
        List<PreferenceChoice> choices = new ArrayList<>();
        Boolean emailUnsubscribed = null;
        if (body == null || !body.isObject()) {
            throw new Invalid(List.of("The body must be a JSON object"));
        }
        for (Map.Entry<String, JsonNode> field : body.properties()) {
            JsonNode value = field.getValue();
            switch (field.getKey()) {
                case "channels" -> forEachOf(value, "channels", errors, (channel, on) -> {
                    if (known(channel, "channels", errors) && bool(on, "channels." + channel, errors)) {
                        choices.add(PreferenceChoice.channel(channel, on.booleanValue()));
                    }
                });
                case "types" -> forEachOf(value, "types", errors, (wire, perChannel) -> {
                    NotificationType type = NotificationType.fromWire(wire).orElse(null);
                    if (type == null) {
                        errors.add("types." + wire + ": unknown notification type");
                        return;
                    }
                    forEachOf(perChannel, "types." + wire, errors, (channel, on) -> {
                        String path = "types." + wire + "." + channel;
                        if (!known(channel, "types." + wire, errors) || !bool(on, path, errors)) {
                            return;
                        }
                        if (type.critical() && !on.booleanValue()) {
                            errors.add(path + ": " + wire + " is a critical alert and cannot be switched off");
                        } else if (!type.critical()) {
                            choices.add(new PreferenceChoice(wire, channel, on.booleanValue()));
                        }
                    });
                });
                case "emailUnsubscribed" -> {
                    if (bool(value, "emailUnsubscribed", errors)) {
                        emailUnsubscribed = value.booleanValue();
                    }
                }
                case "smsStopped" -> {
                    if (bool(value, "smsStopped", errors) && value.booleanValue() != current.smsStopped()) {
                        errors.add("smsStopped: only STOP and START sent from the phone change it");
                    }
                }
                default -> errors.add(field.getKey() + ": unknown field");
            }
        }
        if (!errors.isEmpty()) {
            throw new Invalid(errors);
        }
        return new PreferenceChange(List.copyOf(choices), emailUnsubscribed);
    }

    private interface Entry {
        void accept(String key, JsonNode value);
    }

    private static void forEachOf(JsonNode node, String path, List<String> errors, Entry entry) {
        if (!node.isObject()) {
            errors.add(path + ": must be an object");
            return;
        }
        node.properties().forEach(field -> entry.accept(field.getKey(), field.getValue()));
    }

    private static boolean known(String channel, String path, List<String> errors) {
        if (!PreferenceProperties.CHANNELS.contains(channel)) {
            errors.add(path + "." + channel + ": unknown channel");
            return false;
        }
        return true;
    }

    private static boolean bool(JsonNode value, String path, List<String> errors) {
        if (!value.isBoolean()) {
            errors.add(path + ": must be true or false");
            return false;
        }
        return true;
    }
}
