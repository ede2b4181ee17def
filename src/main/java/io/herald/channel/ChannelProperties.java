package io.herald.channel;

/** Exchange properties the channel routes keep while the message is reshaped for its provider. */
public final class ChannelProperties {

    /** The {@link io.herald.notify.OutboundMessage} being sent. */
    public static final String OUTBOUND = "heraldOutbound";

    private ChannelProperties() {
    }
}
