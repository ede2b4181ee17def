package io.herald.customer;

import io.herald.links.LinkTokens;
import io.herald.links.LinkTokens.Purpose;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The links of the customer's pages that Herald puts in its messages (docs/pages.md): the tracking page of an order,
 * {@code <base>/track/<token>}, and the preference page of a customer, {@code <base>/preferences/<token>}, each with a
 * token of {@link LinkTokens}. The base is {@code herald.public-base-url}; when it is empty (the default run), the
 * address this instance listens on, {@code http://localhost:<port>}.
 */
@Component
public class PageLinks {

    private final LinkTokens tokens;
    private final String publicBaseUrl;
    private final Environment environment;

    public PageLinks(LinkTokens tokens, @Value("${herald.public-base-url:}") String publicBaseUrl, Environment environment) {
        this.tokens = tokens;
        this.publicBaseUrl = publicBaseUrl;
        this.environment = environment;
    }

    /**
     * What the message templates see as {@code links}: {@code track} when the message names an order,
     * {@code preferences} when it names a customer; either may be missing.
     */
    public Map<String, String> forMessage(String orderId, String customerId) {
        Map<String, String> links = new LinkedHashMap<>();
        if (hasText(orderId)) {
            links.put("track", trackUrl(orderId));
        }
        if (hasText(customerId)) {
            links.put("preferences", preferencesUrl(customerId));
        }
        return links;
    }

    /** The tracking page of an order. */
    public String trackUrl(String orderId) {
        return base() + "/track/" + tokens.issue(Purpose.TRACK, orderId);
    }

    /** The preference page of a customer. */
    public String preferencesUrl(String customerId) {
        return base() + "/preferences/" + tokens.issue(Purpose.PREFERENCES, customerId);
    }

    /** Herald's public address, without a trailing slash: the base of every link in a message. */
    public String base() {
        if (hasText(publicBaseUrl)) {
            return publicBaseUrl.endsWith("/") ? publicBaseUrl.substring(0, publicBaseUrl.length() - 1)
                    : publicBaseUrl;
        }
        return "http://localhost:" + environment.getProperty("local.server.port",
                environment.getProperty("server.port", "8080"));
    }

    private static boolean hasText(String value) {
        return value != null && !value.isBlank();
    }
}
