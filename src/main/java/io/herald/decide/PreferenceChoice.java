package io.herald.decide;

/**
 * One stored switch: a whole channel ({@code type} {@link #CHANNEL}) or one type by one channel.
 *
 * @param type    a type's wire name, or {@code *} for the channel as a whole
 * @param channel {@code email}, {@code sms} or {@code push}
 * @param enabled on or off
 */
public record PreferenceChoice(String type, String channel, boolean enabled) {

    /** The type of a row that switches a whole channel. */
    public static final String CHANNEL = "*";

    public static PreferenceChoice channel(String channel, boolean enabled) {
        return new PreferenceChoice(CHANNEL, channel, enabled);
    }

    boolean wholeChannel() {
        return CHANNEL.equals(type);
    }
}
