package io.herald.normalize;

import com.dashjoin.jsonata.Functions;
import com.dashjoin.jsonata.Jsonata;
import io.herald.canonical.ExceptionReason;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The helpers every mapping may call, bound once per mapping version by {@link MappingExpression} and copied into
 * each evaluation's frame, so a mapping says only what is particular to its source. Each returns JSONata's undefined
 * (Java {@code null}) when it has nothing to say. Documented for mapping authors in docs/adding-a-source.md, "Helpers".
 *
 * <ul>
 * <li>{@code $text(v)}: a string trimmed (whitespace runs as one space, as {@code $trim}), or a number as text;
 * undefined when blank or anything else.</li>
 * <li>{@code $key(v)}: a code made comparable: trimmed, lower-cased, runs of spaces and dashes as {@code _}.</li>
 * <li>{@code $phone(v)}: spaces, brackets, dots, slashes and dashes removed, a leading {@code 00} as {@code +};
 * anything else is left to the phone quality gate.</li>
 * <li>{@code $e164(v, country)}: E.164 or undefined: {@code +…} or {@code 00…} as is, a ten-digit national number
 * in a North American Numbering Plan country with {@code +1}.</li>
 * <li>{@code $email(v)}: a plausible address, trimmed, or undefined.</li>
 * <li>{@code $amount(v)}: a number, or a non-blank string read as one (a string that is not a number fails the
 * mapping, as JSONata's {@code $number} does).</li>
 * <li>{@code $utc(v)}: a timestamp that has no offset marked as UTC, for sources documented to write UTC.</li>
 * <li>{@code $slug(v)}: a carrier name or token as a lowercase slug ({@code "DHL Express"} → {@code dhl-express});
 * {@code $carrier(v)} also knows the long names of carriers ({@code "United Parcel Service"} → {@code ups}).</li>
 * <li>{@code $withOffset(v)}: an ISO-8601 timestamp that carries an offset, else undefined; {@code $millis(v)} its
 * epoch milliseconds.</li>
 * <li>{@code $joined(values, separator)}: the non-blank strings trimmed and joined (default {@code ", "}).</li>
 * <li>{@code $flatten(arrays)}: an array of arrays as one array.</li>
 * <li>{@code $reasonOf(text)}: the canonical exception reason a carrier's wording names, else undefined;
 * {@code $exceptionReasons}: the canonical reasons.</li>
 * </ul>
 */
final class MappingFunctions {

    private static final Pattern SEPARATORS = Pattern.compile("[\\s().\\/-]");
    private static final Pattern KEY_SEPARATORS = Pattern.compile("[\\s-]+");
    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");
    private static final Pattern NANP_NATIONAL = Pattern.compile("1?[2-9][0-9]{9}");
    private static final List<String> NANP = List.of("US", "CA", "PR", "VI", "GU", "AS", "MP", "UM");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]{2,}");
    private static final Pattern HAS_OFFSET = Pattern.compile(".*(Z|[+-][0-9]{2}:?[0-9]{2})$");
    private static final Pattern ISO_WITH_OFFSET =
            Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d(:\\d\\d(\\.\\d+)?)?(Z|[+-]\\d\\d:?\\d\\d)");

    /** Carrier names whose plain slug is not Herald's carrier id. */
    private static final Map<String, String> CARRIER_ALIASES = Map.of(
            "united-parcel-service", "ups",
            "federal-express", "fedex",
            "fedex-express", "fedex",
            "us-postal-service", "usps",
            "united-states-postal-service", "usps",
            "dhl-paket", "dhl",
            "deutsche-post-dhl", "dhl");

    /**
     * Why a shipment is held up, from a carrier's wording; the first match wins. Carriers word the same reasons
     * alike, so one table serves every mapping that reads text (their documented codes come first, in each mapping).
     */
    private static final List<Map.Entry<Pattern, ExceptionReason>> REASON_WORDING = List.of(
            Map.entry(reason("weather|storm|snow|flood|hurricane|natural disaster|tornado|wildfire"),
                    ExceptionReason.WEATHER),
            Map.entry(reason("customs|clearance|broker|regulatory|import dut|duties"), ExceptionReason.CUSTOMS),
            Map.entry(reason("refus"), ExceptionReason.REFUSED),
            Map.entry(reason("address|consignee (has )?moved|unknown (recipient|consignee)"),
                    ExceptionReason.ADDRESS),
            Map.entry(reason("damage"), ExceptionReason.DAMAGED),
            Map.entry(reason("\\blost\\b|missing|cannot be located|could not be located"), ExceptionReason.LOST),
            Map.entry(reason("not (in|home|available)|recipient (was )?(not|un)available|no one|nobody|"
                    + "business (is |was )?closed|unavailable|no (authori[sz]ed|qualified) (recipient|person|agent)|"
                    + "signature (was )?(not obtained|required)|(recipient|customer|receiver) (was )?(absent|away)"),
                    ExceptionReason.RECIPIENT_UNAVAILABLE),
            Map.entry(reason("delay|late|reschedul|missort|mis-sort|missed (connection|flight)"),
                    ExceptionReason.DELAYED));

    private MappingFunctions() {
    }

    private static Pattern reason(String regex) {
        return Pattern.compile(regex, Pattern.CASE_INSENSITIVE);
    }

    /** Binds every helper into the frame an expression is evaluated with. */
    static void bindInto(Jsonata.Frame frame) {
        frame.bind("text", (Jsonata.Fn1<Object, Object>) MappingFunctions::text);
        frame.bind("key", (Jsonata.Fn1<Object, Object>) MappingFunctions::key);
        frame.bind("phone", (Jsonata.Fn1<Object, Object>) MappingFunctions::phone);
        frame.bind("e164", (Jsonata.Fn2<Object, Object, Object>) MappingFunctions::e164);
        frame.bind("email", (Jsonata.Fn1<Object, Object>) MappingFunctions::email);
        frame.bind("amount", (Jsonata.Fn1<Object, Object>) MappingFunctions::amount);
        frame.bind("utc", (Jsonata.Fn1<Object, Object>) MappingFunctions::utc);
        frame.bind("slug", (Jsonata.Fn1<Object, Object>) MappingFunctions::slug);
        frame.bind("carrier", (Jsonata.Fn1<Object, Object>) MappingFunctions::carrier);
        frame.bind("withOffset", (Jsonata.Fn1<Object, Object>) MappingFunctions::withOffset);
        frame.bind("millis", (Jsonata.Fn1<Object, Object>) MappingFunctions::millis);
        frame.bind("joined", (Jsonata.Fn2<Object, Object, Object>) MappingFunctions::joined);
        frame.bind("flatten", (Jsonata.Fn1<Object, Object>) MappingFunctions::flatten);
        frame.bind("reasonOf", (Jsonata.Fn1<Object, Object>) MappingFunctions::reasonOf);
        frame.bind("exceptionReasons", (Object) Arrays.stream(ExceptionReason.values()).map(Enum::name).toList());
    }

    static String text(Object value) {
        String text = value instanceof String s ? trim(s)
                : value instanceof Number n ? Functions.string(n, false) : null;
        return text == null || text.isEmpty() ? null : text;
    }

    /**
     * JSONata's {@code $trim}: each run of spaces, tabs, carriage returns and line feeds as one space, none at the
     * ends. Without its regular expression, compiled on every call, and without a copy of text that has nothing to
     * trim (most of what a payload holds).
     */
    static String trim(String text) {
        if (!needsTrim(text)) {
            return text;
        }
        StringBuilder trimmed = new StringBuilder(text.length());
        boolean inRun = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (isJsonataSpace(c)) {
                inRun = true;
            } else {
                if (inRun && !trimmed.isEmpty()) {
                    trimmed.append(' ');
                }
                trimmed.append(c);
                inRun = false;
            }
        }
        return trimmed.toString();
    }

    /** Whether {@link #trim} changes the text: a space at an end, two in a row, or a tab, return or line feed. */
    private static boolean needsTrim(String text) {
        int last = text.length() - 1;
        if (last < 0 || text.charAt(0) == ' ' || text.charAt(last) == ' ') {
            return last >= 0;
        }
        for (int i = 0; i <= last; i++) {
            char c = text.charAt(i);
            if (c == '\t' || c == '\n' || c == '\r' || c == ' ' && text.charAt(i + 1) == ' ') {
                return true;
            }
        }
        return false;
    }

    private static boolean isJsonataSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }

    static String key(Object value) {
        if (value == null || value instanceof Collection<?> || value instanceof Map<?, ?>) {
            return null;
        }
        String text = value instanceof String s ? s : Functions.string(value, false);
        return KEY_SEPARATORS.matcher(text.trim()).replaceAll("_").toLowerCase(Locale.ROOT);
    }

    static String phone(Object value) {
        String text = text(value);
        if (text == null) {
            return null;
        }
        String digits = SEPARATORS.matcher(text).replaceAll("");
        if (digits.isEmpty()) {
            return null;
        }
        return digits.startsWith("00") ? "+" + digits.substring(2) : digits;
    }

    static String e164(Object value, Object country) {
        String digits = phone(value);
        if (digits == null) {
            return null;
        }
        String region = country instanceof String c ? c.trim().toUpperCase(Locale.ROOT) : "";
        String candidate = digits.startsWith("+") ? digits
                : NANP.contains(region) && NANP_NATIONAL.matcher(digits).matches()
                        ? "+1" + digits.substring(digits.length() - 10) : null;
        return candidate != null && E164.matcher(candidate).matches() ? candidate : null;
    }

    static String email(Object value) {
        String text = text(value);
        return text != null && EMAIL.matcher(text).matches() ? text : null;
    }

    static Object amount(Object value) {
        if (value instanceof Number) {
            return value;
        }
        if (!(value instanceof String s) || s.isBlank()) {
            return null;
        }
        Number number = Functions.number(s.trim());
        // a whole number as JSONata's own $number gives it, so 18.00 is written 18
        return number instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e15 ? (Object) d.longValue() : number;
    }

    static String utc(Object value) {
        String text = text(value);
        if (text == null || HAS_OFFSET.matcher(text).matches()) {
            return text;
        }
        return text.replaceFirst(" ", "T") + "Z";
    }

    static String slug(Object value) {
        String text = text(value);
        if (text == null) {
            return null;
        }
        String slug = text.replace(".", "").replaceAll("[^A-Za-z0-9]+", "-").toLowerCase(Locale.ROOT)
                .replaceAll("^-+|-+$", "");
        return slug.isEmpty() ? null : slug.substring(0, Math.min(32, slug.length()));
    }

    static String carrier(Object value) {
        String slug = slug(value);
        return slug == null ? null : CARRIER_ALIASES.getOrDefault(slug, slug);
    }

    static String withOffset(Object value) {
        return value instanceof String s && ISO_WITH_OFFSET.matcher(s).matches() ? s : null;
    }

    static Object millis(Object value) {
        String time = withOffset(value);
        if (time == null) {
            return null;
        }
        OffsetDateTime parsed = Timestamps.resolve(time, (java.time.ZoneId) null);
        return parsed.toInstant().toEpochMilli();
    }

    static String joined(Object values, Object separator) {
        List<String> kept = new ArrayList<>();
        for (Object value : values instanceof Collection<?> many ? many : java.util.Collections.singletonList(values)) {
            if (value instanceof String s && !s.isBlank()) {
                kept.add(s.trim());
            }
        }
        return kept.isEmpty() ? null : String.join(separator instanceof String s ? s : ", ", kept);
    }

    static Object flatten(Object arrays) {
        if (!(arrays instanceof Collection<?> many)) {
            return arrays;
        }
        List<Object> all = new ArrayList<>();
        for (Object item : many) {
            if (item instanceof Collection<?> inner) {
                all.addAll(inner);
            } else if (item != null) {
                all.add(item);
            }
        }
        return all;
    }

    static String reasonOf(Object text) {
        if (!(text instanceof String words) || words.isBlank()) {
            return null;
        }
        for (Map.Entry<Pattern, ExceptionReason> entry : REASON_WORDING) {
            if (entry.getKey().matcher(words).find()) {
                return entry.getValue().name();
            }
        }
        return null;
    }
}
