package io.herald.normalize;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * What Herald knows of the tracking-number formats of the carriers it talks to: which formats a carrier uses, their
 * check digits where the carrier publishes one, and which carrier a number belongs to when it can only be one.
 * A carrier not listed here has no known format, and any number is taken for it.
 */
public final class TrackingNumbers {

    /** How a tracking number fares against its carrier's formats. */
    public enum Verdict {
        /** It has one of the carrier's formats, and its check digit (where the format has one) is right. */
        VALID,
        /** It has one of the carrier's formats, but a wrong check digit: most likely a typo. */
        BAD_CHECK_DIGIT,
        /** The carrier has known formats, and this number has none of them. */
        UNRECOGNIZED,
        /** Herald knows no format of this carrier. */
        NO_KNOWN_FORMAT
    }

    private record Format(String name, Pattern shape, Predicate<String> checkDigit, boolean identifiesCarrier) {

        Format(String name, String shape, Predicate<String> checkDigit, boolean identifiesCarrier) {
            this(name, Pattern.compile(shape), checkDigit, identifiesCarrier);
        }
    }

    private static final Predicate<String> NONE = number -> true;
    private static final Pattern SEPARATORS = Pattern.compile("[\\s-]+");
    private static final Pattern ALPHANUMERIC = Pattern.compile("[0-9A-Z]+");

    /**
     * The formats by carrier. Only formats whose shape or check digit the carrier documents are listed; a format that
     * {@code identifiesCarrier} is one no other listed carrier issues, so a number of that shape names its carrier.
     */
    private static final Map<String, List<Format>> FORMATS = Map.of(
            "ups", List.of(
                    new Format("1Z", "1Z[0-9A-Z]{16}", TrackingNumbers::upsCheckDigit, true),
                    new Format("freight", "T\\d{10}", NONE, false),
                    new Format("Mail Innovations", "\\d{22}|\\d{26}|MI\\d{6}[0-9A-Z]{1,22}", NONE, false),
                    new Format("InfoNotice", "J\\d{10}", NONE, false)),
            "fedex", List.of(
                    new Format("Express", "\\d{12}", NONE, false),
                    new Format("Ground", "\\d{15}", NONE, false),
                    new Format("Ground 96", "96\\d{20}|\\d{20}", NONE, false),
                    new Format("SmartPost", "92\\d{20}|\\d{34}", NONE, false)),
            "usps", List.of(
                    new Format("IMpb", "9[1-5]\\d{18,20}", TrackingNumbers::gs1CheckDigit, true),
                    new Format("IMpb with ZIP", "420\\d{5}(\\d{4})?9[1-5]\\d{18,20}", NONE, false),
                    new Format("UPU S10", "[A-Z]{2}\\d{9}US", TrackingNumbers::s10CheckDigit, true),
                    new Format("certified", "\\d{20}", NONE, false)),
            "dhl-express", List.of(
                    new Format("waybill", "\\d{10}", NONE, false),
                    new Format("piece", "JD\\d{18}|JJD\\d{16,18}", NONE, false)),
            "dhl", List.of(
                    new Format("Paket", "\\d{12}|\\d{20}|00340\\d{15}|JJD\\d{16,18}", NONE, false),
                    new Format("eCommerce", "GM\\d{16,22}", NONE, true),
                    new Format("Express waybill", "\\d{10}", NONE, false),
                    new Format("UPU S10", "[A-Z]{2}\\d{9}DE", TrackingNumbers::s10CheckDigit, false),
                    new Format("piece", "JD\\d{18}", NONE, false)));

    private TrackingNumbers() {
    }

    /** Whether Herald knows any format of this carrier, and with it that its numbers are letters and digits. */
    public static boolean hasKnownFormats(String carrier) {
        return FORMATS.containsKey(carrier);
    }

    /**
     * The number as carriers with known formats print it: without the spaces and dashes people type, in upper case. A
     * number with other characters than letters and digits is returned trimmed but otherwise as given.
     */
    public static String clean(String number) {
        if (number == null) {
            return null;
        }
        String compact = SEPARATORS.matcher(number.trim()).replaceAll("").toUpperCase(Locale.ROOT);
        return ALPHANUMERIC.matcher(compact).matches() ? compact : number.trim();
    }

    /** How the (cleaned) number fares against the carrier's formats. */
    public static Verdict check(String carrier, String number) {
        List<Format> formats = FORMATS.get(carrier);
        if (formats == null) {
            return Verdict.NO_KNOWN_FORMAT;
        }
        boolean shapeMatched = false;
        for (Format format : formats) {
            if (format.shape().matcher(number).matches()) {
                if (format.checkDigit().test(number)) {
                    return Verdict.VALID;
                }
                shapeMatched = true;
            }
        }
        return shapeMatched ? Verdict.BAD_CHECK_DIGIT : Verdict.UNRECOGNIZED;
    }

    /** The carrier a number belongs to, when its shape and check digit fit a format only that carrier issues. */
    public static Optional<String> detectCarrier(String number) {
        for (Map.Entry<String, List<Format>> entry : FORMATS.entrySet()) {
            for (Format format : entry.getValue()) {
                if (format.identifiesCarrier() && format.shape().matcher(number).matches()
                        && format.checkDigit().test(number)) {
                    return Optional.of(entry.getKey());
                }
            }
        }
        return Optional.empty();
    }

    /** A carrier another listed carrier's identifying format says this number belongs to instead, if any. */
    public static Optional<String> otherCarrierOf(String carrier, String number) {
        return detectCarrier(number).filter(detected -> !detected.equals(carrier));
    }

    /**
     * UPS 1Z numbers: the 15 characters after "1Z" and before the check digit, letters counted as (code - 63) mod 10;
     * odd positions once, even positions twice; the check digit brings the sum to a multiple of ten.
     */
    static boolean upsCheckDigit(String number) {
        int sum = 0;
        for (int i = 2; i < 17; i++) {
            char c = number.charAt(i);
            int value = Character.isDigit(c) ? c - '0' : (c - 63) % 10;
            sum += (i - 2) % 2 == 0 ? value : 2 * value;
        }
        return (10 - sum % 10) % 10 == number.charAt(17) - '0';
    }

    /** GS1 mod 10 (USPS Intelligent Mail package barcodes): from the right, weights 3 and 1 before the check digit. */
    static boolean gs1CheckDigit(String number) {
        int sum = 0;
        int weight = 3;
        for (int i = number.length() - 2; i >= 0; i--) {
            sum += (number.charAt(i) - '0') * weight;
            weight = weight == 3 ? 1 : 3;
        }
        return (10 - sum % 10) % 10 == number.charAt(number.length() - 1) - '0';
    }

    /** UPU S10 (two letters, eight digits, a check digit, a country): weights 8 6 4 2 3 5 9 7, mod 11. */
    static boolean s10CheckDigit(String number) {
        int[] weights = {8, 6, 4, 2, 3, 5, 9, 7};
        int sum = 0;
        for (int i = 0; i < 8; i++) {
            sum += (number.charAt(2 + i) - '0') * weights[i];
        }
        int check = 11 - sum % 11;
        check = check == 10 ? 0 : check == 11 ? 5 : check;
        return check == number.charAt(10) - '0';
    }
}
