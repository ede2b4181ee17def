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
     * @param defaultPhoneRegion the ISO 3166 region of phone numbers written without a country code, when neither the
     *                         event nor the source names one; unset by default, so the customer's locale decides, and
     *                         without a country in it such numbers fail the phone gate
     * @param gates            how strict the quality gates are for sources that do not say otherwise
     */
    public record Intake(
            @DefaultValue("1048576") int maxPayloadBytes,
            @DefaultValue("64") int maxNestingDepth,
            ZoneId defaultZone,
            @DefaultValue("false") boolean requireSignatures,
            String defaultPhoneRegion,
            @DefaultValue Gates gates) {
    }

    /**
     * What a quality gate does with a value that fails it.
     * <ul>
     * <li>{@code STRICT}: the event is refused, kept with the intake failures and can be replayed once fixed;</li>
     * <li>{@code LENIENT}: the event goes on and the finding is counted; a bad phone or email is left out of it,
     * since nothing can be sent to it anyway.</li>
     * </ul>
     */
    public enum Gate { STRICT, LENIENT }

    /**
     * @param trackingNumber a tracking number that does not fit its carrier's known formats, or whose check digit is
     *                       wrong; strict where people type the numbers (OMS, WMS, shop back offices), lenient where
     *                       the carrier itself is the source
     * @param phone          a phone number that cannot be made E.164
     * @param email          an email address that is not one
     */
    public record Gates(Gate trackingNumber, Gate phone, Gate email) {

        /** Where neither the source nor the intake says otherwise. */
        public static final Gates DEFAULTS = new Gates(Gate.LENIENT, Gate.STRICT, Gate.STRICT);

        /** These gates, with each unset one taken from {@code fallback}. */
        public Gates or(Gates fallback) {
            return new Gates(trackingNumber != null ? trackingNumber : fallback.trackingNumber,
                    phone != null ? phone : fallback.phone, email != null ? email : fallback.email);
        }
    }

    /**
     * @param zone      the zone this source's local timestamps are in
     * @param signature how its webhooks prove who sent them: {@code shopify}, {@code woocommerce}, {@code easypost},
     *                  {@code aftership} (each platform's HMAC of the raw body) or {@code api-key}
     * @param secret    the shared webhook secret or API key; from the environment, e.g.
     *                  {@code HERALD_SOURCES_EASYPOST_SECRET}
     * @param phoneRegion the ISO 3166 region of this source's phone numbers written without a country code
     * @param gates     this source's own strictness, gate by gate; unset gates follow {@code herald.intake.gates}
     * @param format    how the payload is written: unset for JSON or XML, {@code csv} or {@code fixed-width}
     * @param delimiter the field delimiter of a {@code csv} source, one character; a comma when unset
     * @param columns   the layout of a {@code fixed-width} source, 1-based inclusive character positions:
     *                  {@code orderId:1-12,status:13-20}
     */
    public record Source(ZoneId zone, String signature, String secret, String phoneRegion, Gates gates,
                         String format, String delimiter, String columns) {
    }

    /** This source's settings, or empty ones. */
    public Source source(String id) {
        Source configured = sources == null ? null : sources.get(id);
        return configured != null ? configured : new Source(null, null, null, null, null, null, null, null);
    }

    /** The gates of a source: its own where set, else the intake's. */
    public Gates gatesOf(String source) {
        Gates intakeGates = intake.gates() != null ? intake.gates().or(Gates.DEFAULTS) : Gates.DEFAULTS;
        Gates own = source(source).gates();
        return own != null ? own.or(intakeGates) : intakeGates;
    }

    /** The region for this source's national phone numbers, or null. */
    public String phoneRegionOf(String source) {
        String own = source(source).phoneRegion();
        String region = own != null && !own.isBlank() ? own : intake.defaultPhoneRegion();
        return region == null || region.isBlank() ? null : region.trim();
    }

    /**
     * @param defaultLocale    the locale used when a customer has none, or none Herald has templates for
     * @param emailFrom        the From address of emails when {@code herald.brand.email-from} is unset
     * @param smsFrom          the sender number (E.164) of every SMS
     * @param statusCallbackUrl where Twilio reports delivery status; empty for none
     * @param maxEventAge      an event older than this updates state but notifies nobody
     * @param hold             how long a non-critical notification waits for a newer status of its subject, which
     *                         then replaces it; counted from the first held decision of the subject; 0 turns it off
     * @param awaitCustomer    how long a notification whose order or customer is not known yet waits for them
     *                         before it is dropped
     * @param cap              the fatigue cap: optional decisions per shipment and per customer, per recipient's day
     * @param fallback         which channel a critical alert falls back to when its channel fails or cannot be used
     */
    public record Notifications(
            @DefaultValue("en") String defaultLocale,
            @DefaultValue("Herald <notifications@herald.local>") String emailFrom,
            @DefaultValue("+15005550006") String smsFrom,
            @DefaultValue("") String statusCallbackUrl,
            @DefaultValue("30d") Duration maxEventAge,
            @DefaultValue("2m") Duration hold,
            @DefaultValue("24h") Duration awaitCustomer,
            @DefaultValue Cap cap,
            @DefaultValue Fallback fallback) {
    }

    /**
     * @param perShipmentPerDay optional decisions per shipment and recipient's calendar day
     * @param perCustomerPerDay optional decisions per customer and recipient's calendar day
     */
    public record Cap(@DefaultValue("3") int perShipmentPerDay, @DefaultValue("6") int perCustomerPerDay) {
    }

    /**
     * @param smsToEmail a critical alert whose SMS cannot be sent or fails permanently goes by email
     * @param emailToSms a critical alert whose email cannot be sent or fails permanently goes by SMS
     */
    public record Fallback(@DefaultValue("true") boolean smsToEmail, @DefaultValue("false") boolean emailToSms) {
    }

    public ZoneId zoneOf(String source) {
        Source configured = source(source);
        return configured.zone() != null ? configured.zone() : intake.defaultZone();
    }
}
