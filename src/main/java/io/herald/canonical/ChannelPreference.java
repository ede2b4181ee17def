package io.herald.canonical;

/** Which channels a customer wants to hear from Herald on. */
public enum ChannelPreference {
    EMAIL, SMS, BOTH
}
