package io.herald.intake;

import io.herald.support.Names;
import io.herald.config.HeraldProperties;
import io.herald.config.HeraldProperties.Source;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.text.Normalizer;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Checks that a webhook comes from its platform, in the platform's own way, over the raw body as received:
 * Shopify {@code X-Shopify-Hmac-Sha256} and WooCommerce {@code X-WC-Webhook-Signature} (base64 HMAC-SHA256),
 * AfterShip {@code aftership-hmac-sha256} (base64 HMAC-SHA256), EasyPost {@code X-Hmac-Signature}
 * ({@code hmac-sha256-hex=} and the hex HMAC-SHA256, with the secret NFKD-normalized), or {@code X-Api-Key}. Digests
 * are compared in constant time. A refused webhook is counted ({@code herald_intake_unauthorized_total}) and answered
 * 401; its body is not kept, so a flood of forged calls cannot fill the failure table.
 */
@Component("webhookSignatures")
public class WebhookSignatures {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookSignatures.class);

    private final HeraldProperties properties;
    private final MeterRegistry metrics;
    private final Environment environment;
    private final Set<String> warnedUnsigned = ConcurrentHashMap.newKeySet();

    public WebhookSignatures(HeraldProperties properties, MeterRegistry metrics, Environment environment) {
        this.properties = properties;
        this.metrics = metrics;
        this.environment = environment;
    }

    /**
     * The source's secret: {@code herald.sources.<id>.secret}, else the environment variable
     * {@code HERALD_SOURCES_<ID>_SECRET} with the id's dashes as underscores. Spring cannot bind such a variable to a
     * map key that has a dash ({@code HERALD_SOURCES_SHOPIFY_ORDER_SECRET} would bind to {@code shopify.order}), so
     * Herald looks it up by name.
     */
    private String secretOf(String id, Source source) {
        if (source.secret() != null && !source.secret().isBlank()) {
            return source.secret();
        }
        return environment.getProperty("HERALD_SOURCES_" + id.toUpperCase(Locale.ROOT).replace('-', '_') + "_SECRET");
    }

    /** How this source's webhooks are checked, as {@link #verify} checks them; never the secret itself. */
    Settings settingsOf(String id) {
        Source source = properties.source(id);
        String secret = secretOf(id, source);
        boolean hasSecret = secret != null && !secret.isBlank();
        String webhooks = hasSecret ? "verified"
                : properties.intake().requireSignatures() ? "refused" : "accepted-unsigned";
        return new Settings(scheme(source), hasSecret, webhooks);
    }

    /**
     * @param scheme           {@code shopify}, {@code woocommerce}, {@code easypost}, {@code aftership} or
     *                         {@code api-key} (also when none is set)
     * @param secretConfigured whether a secret or key is set, in the settings or the environment
     * @param webhooks         {@code verified} with the scheme; without a secret {@code accepted-unsigned} (the
     *                         default run) or {@code refused} with 401 ({@code herald.intake.require-signatures})
     */
    record Settings(String scheme, boolean secretConfigured, String webhooks) {
    }

    private static String scheme(Source source) {
        return source.signature() == null ? "api-key" : source.signature().toLowerCase(Locale.ROOT);
    }

    /** Passes a webhook whose signature holds, and throws {@link UnauthorizedWebhookException} otherwise. */
    public void verify(Exchange exchange) {
        Message message = exchange.getMessage();
        String id = message.getHeader(Names.Header.SOURCE, String.class);
        byte[] body = message.getBody(byte[].class);
        message.setBody(body);
        Source source = properties.source(id);
        String secret = secretOf(id, source);
        if (secret == null || secret.isBlank()) {
            if (properties.intake().requireSignatures()) {
                refuse(id, "no webhook secret is configured for this source");
            }
            if (warnedUnsigned.add(id)) {
                LOG.warn("Source {} has no webhook secret: its webhooks are accepted unsigned", id);
            }
            return;
        }
        String scheme = scheme(source);
        boolean valid = switch (scheme) {
            case "shopify" -> base64Hmac(message.getHeader("X-Shopify-Hmac-Sha256", String.class), secret, body);
            case "woocommerce" -> base64Hmac(message.getHeader("X-WC-Webhook-Signature", String.class), secret, body);
            case "aftership" -> base64Hmac(message.getHeader("aftership-hmac-sha256", String.class), secret, body);
            case "easypost" -> easypost(message.getHeader("X-Hmac-Signature", String.class), secret, body);
            case "api-key" -> same(message.getHeader("X-Api-Key", String.class), secret);
            default -> throw new IllegalStateException("Unknown signature scheme '" + scheme + "' for source " + id);
        };
        if (!valid) {
            refuse(id, "the webhook signature does not match");
        }
    }

    private void refuse(String source, String why) {
        Counter.builder("herald.intake.unauthorized").description("Webhooks refused for a missing or bad signature")
                .tag("source", String.valueOf(source)).register(metrics).increment();
        throw new UnauthorizedWebhookException(why);
    }

    private static boolean base64Hmac(String given, String secret, byte[] body) {
        if (given == null) {
            return false;
        }
        byte[] expected = Base64.getEncoder().encode(hmac(secret.getBytes(StandardCharsets.UTF_8), body));
        return MessageDigest.isEqual(expected, given.trim().getBytes(StandardCharsets.US_ASCII));
    }

    private static boolean easypost(String given, String secret, byte[] body) {
        if (given == null) {
            return false;
        }
        String normalized = Normalizer.normalize(secret, Normalizer.Form.NFKD);
        String expected = "hmac-sha256-hex=" + HexFormat.of().formatHex(hmac(normalized.getBytes(StandardCharsets.UTF_8), body));
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                given.trim().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
    }

    private static boolean same(String given, String secret) {
        return given != null && MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8),
                secret.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] hmac(byte[] key, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A webhook that could not prove where it came from. */
    public static class UnauthorizedWebhookException extends RuntimeException {

        public UnauthorizedWebhookException(String detail) {
            super(detail);
        }
    }
}
