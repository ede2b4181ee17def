package io.herald.config;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Herald's own settings, under {@code herald.*}.
 *
 * @param dataDir            where the default run keeps its database, Kafka log and mail
 * @param mappingsLocation   a Spring resource location holding {@code <source>.jsonata} files
 * @param templatesLocation  a Spring resource location holding {@code <channel>/<locale>/<type>.*.ftl}
 * @param intake             limits applied to every payload before it is mapped
 * @param sources            per-source settings, keyed by source id
 * @param notifications      how notifications are addressed and rendered
 */
@ConfigurationProperties("herald")
public record HeraldProperties(
        @DefaultValue("./data") String dataDir,
        @DefaultValue("classpath:mappings/") String mappingsLocation,
        @DefaultValue("classpath:templates/") String templatesLocation,
        @DefaultValue Intake intake,
        Map<String, Source> sources,
        @DefaultValue Notifications notifications) {

    /**
     * @param maxPayloadBytes  larger payloads are refused before parsing
     * @param maxNestingDepth  deeper JSON is refused while parsing
     * @param defaultZone      the zone for timestamps without an offset, when neither the event nor the source names
     *                         one; unset by default, so such timestamps are refused rather than guessed
     * @param requireSignatures refuse webhooks of a source that has no secret configured (the prod profile); the
     *                         default run accepts them unsigned
     */
    public record Intake(
            @DefaultValue("1048576") int maxPayloadBytes,
            @DefaultValue("64") int maxNestingDepth,
            ZoneId defaultZone,
            @DefaultValue("false") boolean requireSignatures) {
    }

    /**
     * @param zone      the zone this source's local timestamps are in
     * @param signature how its webhooks prove who sent them: {@code shopify}, {@code woocommerce}, {@code easypost},
     *                  {@code aftership} (each platform's HMAC of the raw body) or {@code api-key}
     * @param secret    the shared webhook secret or API key; from the environment, e.g.
     *                  {@code HERALD_SOURCES_EASYPOST_SECRET}
     * @param format    how the payload is written: unset for JSON or XML, {@code csv} or {@code fixed-width}
     * @param delimiter the field delimiter of a {@code csv} source, one character; a comma when unset
     * @param columns   the layout of a {@code fixed-width} source, 1-based inclusive character positions:
     *                  {@code orderId:1-12,status:13-20}
     */
    public record Source(ZoneId zone, String signature, String secret,
                         String format, String delimiter, String columns) {
    }

    /** This source's settings, or empty ones. */
    public Source source(String id) {
        Source configured = sources == null ? null : sources.get(id);
        return configured != null ? configured : new Source(null, null, null, null, null, null);
    }

    /**
     * @param defaultLocale    the locale used when a customer has none, or none Herald has templates for
     * @param emailFrom        the From address of every email
     * @param smsFrom          the sender number (E.164) of every SMS
     * @param statusCallbackUrl where Twilio reports delivery status; empty for none
     * @param maxEventAge      an event older than this updates state but notifies nobody
     */
    public record Notifications(
            @DefaultValue("en") String defaultLocale,
            @DefaultValue("Herald <notifications@herald.local>") String emailFrom,
            @DefaultValue("+15005550006") String smsFrom,
            @DefaultValue("") String statusCallbackUrl,
            @DefaultValue("30d") Duration maxEventAge) {
    }

    public ZoneId zoneOf(String source) {
        Source configured = source(source);
        return configured.zone() != null ? configured.zone() : intake.defaultZone();
    }
}
