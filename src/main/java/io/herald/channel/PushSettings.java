package io.herald.channel;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The push channel, {@code herald.channels.push.*}: a signed HTTP POST of each push notification to the retailer's
 * app backend, which sends it on to FCM or APNs (docs/channels-push.md).
 *
 * @param url    where the notifications are posted (an absolute https URL; http only to this machine, for tests);
 *               empty switches the channel off, from HERALD_PUSH_URL
 * @param secret the key of the {@code X-Herald-Signature} HMAC, shared with the app backend; a secret, from
 *               HERALD_PUSH_SECRET, required when {@code url} is set
 */
@ConfigurationProperties("herald.channels.push")
public record PushSettings(String url, String secret) {

    public PushSettings {
        url = url == null ? "" : url.strip();
        if (!url.isEmpty() && !url.matches("(?i)https?://[^\\s/?#]+.*")) {
            throw new IllegalArgumentException("herald.channels.push.url must be an absolute http or https URL");
        }
        if (url.regionMatches(true, 0, "http://", 0, 7) && !loopback(url)) {
            throw new IllegalArgumentException("herald.channels.push.url must be an https URL: each push carries a "
                    + "customer's message (http only to this machine, for tests)");
        }
        if (!url.isEmpty() && (secret == null || secret.isBlank())) {
            throw new IllegalArgumentException("herald.channels.push.url is set, but herald.channels.push.secret "
                    + "(HERALD_PUSH_SECRET) is empty: every push is signed with it");
        }
    }

    private static boolean loopback(String url) {
        String host = java.net.URI.create(url).getHost();
        return host != null && (host.equalsIgnoreCase("localhost") || host.equals("127.0.0.1") || host.equals("[::1]"));
    }

    /** Whether the channel is on: a URL is set. */
    public boolean enabled() {
        return !url.isEmpty();
    }

    @Override
    public String toString() {
        return "PushSettings[url=" + url + ", secret=****]";
    }
}
