package io.herald.normalize;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import io.herald.canonical.CanonicalEvent;
import io.herald.canonical.Customer;
import io.herald.canonical.Shipment;
import io.herald.canonical.ShipmentStatus;
import io.herald.config.HeraldProperties;
import io.herald.config.HeraldProperties.Gate;
import io.herald.config.HeraldProperties.Gates;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The intake's quality gates, applied to each mapped event before it is validated: tracking numbers against their
 * carrier's formats (and the carrier told from the number when the source names none), phone numbers made E.164 with
 * libphonenumber, email addresses checked for syntax. Each gate is strict or lenient per source
 * ({@link HeraldProperties#gatesOf}); what a lenient gate lets through is reported as an {@link IntakeFinding}.
 */
final class QualityGates {

    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();
    private static final String ATOM = "[\\p{L}\\p{N}!#$%&'*+/=?^_`{|}~-]+";
    private static final Pattern LOCAL_PART = Pattern.compile(ATOM + "(\\." + ATOM + ")*|\"[^\"\\\\\\p{Cntrl}]{1,62}\"");
    private static final Pattern DOMAIN = Pattern.compile(
            "([\\p{L}\\p{N}]([\\p{L}\\p{N}-]{0,61}[\\p{L}\\p{N}])?\\.)+(\\p{L}{2,63}|xn--[a-z0-9-]{1,59})");

    private final HeraldProperties properties;

    QualityGates(HeraldProperties properties) {
        this.properties = properties;
    }

    /**
     * The event with its tracking number, carrier, phone and email as the gates leave them.
     *
     * @param regionHint the ISO 3166 region the mapping gave for this event's phone numbers, or null
     * @throws IntakeRejectedException when a strict gate refuses the event
     */
    CanonicalEvent apply(String source, CanonicalEvent event, String regionHint, int index, List<IntakeFinding> findings) {
        Gates gates = properties.gatesOf(source);
        String at = "Event " + index + ": ";
        Shipment shipment = event.shipment() == null ? null
                : trackingNumber(event.shipment(), gates.trackingNumber(), at, findings);
        Customer customer = event.customer() == null ? null
                : contact(source, event.customer(), gates, regionHint, at, findings);
        if (shipment != null && shipment.status() == ShipmentStatus.UNKNOWN) {
            findings.add(new IntakeFinding("status", "unknown", at + "the source's status maps to no canonical status"
                    + (shipment.statusText() == null ? "" : " (" + shipment.statusText() + ")")));
        }
        return new CanonicalEvent(event.type(), event.source(), event.occurredAt(), event.fingerprint(), shipment,
                event.order(), customer);
    }

    private static Shipment trackingNumber(Shipment shipment, Gate gate, String at, List<IntakeFinding> findings) {
        String given = shipment.trackingNumber();
        if (given == null || given.isBlank()) {
            return shipment;
        }
        String carrier = shipment.carrier();
        String clean = TrackingNumbers.clean(given);
        if (carrier == null || carrier.isBlank()) {
            carrier = TrackingNumbers.detectCarrier(clean).orElseThrow(() -> new IntakeRejectedException(
                    RejectReason.INVALID_TRACKING_NUMBER, at + "shipment.carrier is missing, and tracking number "
                    + clean + " fits no format that only one carrier issues"));
            findings.add(new IntakeFinding("carrier", "detected", at + "carrier " + carrier + " told from the number"));
        }
        // only numbers of carriers with known formats are letters and digits for sure; others are kept as given
        String number = TrackingNumbers.hasKnownFormats(carrier) ? clean : given.trim();
        String problem = trackingProblem(carrier, number);
        if (problem != null) {
            if (gate == Gate.STRICT) {
                throw new IntakeRejectedException(RejectReason.INVALID_TRACKING_NUMBER, at + problem);
            }
            findings.add(new IntakeFinding("tracking_number", "accepted", at + problem));
        }
        return new Shipment(number, carrier, shipment.status(), shipment.exceptionReason(),
                shipment.estimatedDelivery(), shipment.location(), shipment.statusText(), shipment.orderId(),
                shipment.destination());
    }

    private static String trackingProblem(String carrier, String number) {
        Optional<String> other = TrackingNumbers.otherCarrierOf(carrier, number);
        if (other.isPresent()) {
            return "tracking number " + number + " is a " + other.get() + " number, not a " + carrier + " one";
        }
        return switch (TrackingNumbers.check(carrier, number)) {
            case BAD_CHECK_DIGIT -> "tracking number " + number + " has a wrong check digit for " + carrier;
            case UNRECOGNIZED -> "tracking number " + number + " fits none of " + carrier + "'s formats";
            case VALID, NO_KNOWN_FORMAT -> null;
        };
    }

    private Customer contact(String source, Customer customer, Gates gates, String regionHint, String at,
            List<IntakeFinding> findings) {
        String phone = phone(source, customer, gates.phone(), regionHint, at, findings);
        String email = email(customer.email(), gates.email(), at, findings);
        return new Customer(customer.customerId(), customer.name(), email, phone, customer.locale(),
                customer.timezone(), customer.channelPreference(), customer.deleted());
    }

    private String phone(String source, Customer customer, Gate gate, String regionHint, String at,
            List<IntakeFinding> findings) {
        String raw = customer.phone();
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String region = region(source, regionHint, customer.locale());
        String problem;
        try {
            PhoneNumber parsed = PHONES.parse(raw, region == null ? "ZZ" : region);
            if (PHONES.isPossibleNumberWithReason(parsed) == PhoneNumberUtil.ValidationResult.IS_POSSIBLE) {
                if (!PHONES.isValidNumber(parsed)) {
                    findings.add(new IntakeFinding("phone", "accepted", at + "customer.phone is not a number in use in "
                            + "its region, as far as libphonenumber knows"));
                }
                return PHONES.format(parsed, PhoneNumberUtil.PhoneNumberFormat.E164);
            }
            problem = "customer.phone has the wrong length for its region";
        } catch (NumberParseException e) {
            problem = switch (e.getErrorType()) {
                case INVALID_COUNTRY_CODE -> region == null
                        ? "customer.phone has no country code, and no region is set for source " + source
                        : "customer.phone has an unknown country code";
                default -> "customer.phone is not a phone number";
            };
        }
        // the number itself is personal data: the detail names the problem, never the number
        if (gate == Gate.STRICT) {
            throw new IntakeRejectedException(RejectReason.INVALID_PHONE, at + problem);
        }
        findings.add(new IntakeFinding("phone", "dropped", at + problem));
        return null;
    }

    private String region(String source, String regionHint, String locale) {
        if (regionHint != null && !regionHint.isBlank()) {
            return regionHint.trim().toUpperCase(Locale.ROOT);
        }
        String configured = properties.phoneRegionOf(source);
        if (configured != null) {
            return configured.toUpperCase(Locale.ROOT);
        }
        if (locale != null) {
            String country = Locale.forLanguageTag(locale.replace('_', '-')).getCountry();
            return country.isEmpty() ? null : country;
        }
        return null;
    }

    private static String email(String raw, Gate gate, String at, List<IntakeFinding> findings) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String email = raw.trim();
        int split = email.lastIndexOf('@');
        if (split > 0 && email.length() <= 254) {
            String local = email.substring(0, split);
            String domain = email.substring(split + 1).toLowerCase(Locale.ROOT);
            if (local.length() <= 64 && LOCAL_PART.matcher(local).matches() && DOMAIN.matcher(domain).matches()) {
                return local + "@" + domain;
            }
        }
        if (gate == Gate.STRICT) {
            throw new IntakeRejectedException(RejectReason.INVALID_EMAIL, at + "customer.email is not an email address");
        }
        findings.add(new IntakeFinding("email", "dropped", at + "customer.email is not an email address"));
        return null;
    }
}
