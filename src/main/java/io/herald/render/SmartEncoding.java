package io.herald.render;

import java.text.Normalizer;
import java.util.Map;

/**
 * Replaces characters outside GSM-7 by GSM-7 look-alikes, so that one typographic quote does not turn an SMS into
 * UCS-2 and halve its length. Punctuation and spaces always go when enabled; accented letters only when asked.
 */
final class SmartEncoding {

    private static final Map<Character, String> PUNCTUATION = Map.ofEntries(
            Map.entry('\u2018', "'"), Map.entry('\u2019', "'"), Map.entry('\u201A', "'"), Map.entry('\u201B', "'"),
            Map.entry('\u2032', "'"), Map.entry('\u2039', "'"), Map.entry('\u203A', "'"),
            Map.entry('\u201C', "\""), Map.entry('\u201D', "\""), Map.entry('\u201E', "\""),
            Map.entry('\u201F', "\""), Map.entry('\u2033', "\""), Map.entry('\u00AB', "\""), Map.entry('\u00BB', "\""),
            Map.entry('\u2010', "-"), Map.entry('\u2011', "-"), Map.entry('\u2012', "-"), Map.entry('\u2013', "-"),
            Map.entry('\u2014', "-"), Map.entry('\u2015', "-"), Map.entry('\u2212', "-"), Map.entry('\u2022', "-"),
            Map.entry('\u2026', "..."),
            Map.entry('\u00A0', " "), Map.entry('\u2002', " "), Map.entry('\u2003', " "), Map.entry('\u2007', " "),
            Map.entry('\u2009', " "), Map.entry('\u200A', " "), Map.entry('\u202F', " "), Map.entry('\u200B', ""),
            Map.entry('\u00B4', "'"), Map.entry('\u02BC', "'"));

    private static final Map<Character, String> LETTERS = Map.of(
            '\u0153', "oe", '\u0152', "OE", '\u00F0', "d", '\u00FE', "th", '\u0142', "l", '\u0141', "L");

    private SmartEncoding() {
    }

    /** The text with typographic punctuation replaced. */
    static String punctuation(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String replacement = PUNCTUATION.get(c);
            out.append(replacement != null ? replacement : String.valueOf(c));
        }
        return out.toString();
    }

    /** The text with each letter that GSM-7 lacks replaced by its base letter, where that one is in GSM-7. */
    static String accents(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(codePoint -> {
            if (SmsSegments.isGsm7(codePoint)) {
                out.appendCodePoint(codePoint);
                return;
            }
            String special = codePoint < 0x10000 ? LETTERS.get((char) codePoint) : null;
            if (special != null) {
                out.append(special);
                return;
            }
            String base = Normalizer.normalize(new String(Character.toChars(codePoint)), Normalizer.Form.NFD)
                    .replaceAll("\\p{M}", "");
            out.append(!base.isEmpty() && SmsSegments.isGsm7(base) ? base : new String(Character.toChars(codePoint)));
        });
        return out.toString();
    }
}
