package io.herald.render;

import java.util.BitSet;

/**
 * How many SMS segments a text takes. A text made only of GSM-7 characters (the basic table, or the extension table at
 * two septets each) takes 160 septets in one segment and 153 in each part of a longer one. A single other character
 * makes the whole text UCS-2: 70 UTF-16 units in one segment, 67 in each part. A part never splits an escaped
 * character or a surrogate pair.
 *
 * @param encoding {@code GSM-7} or {@code UCS-2}
 * @param units    septets for GSM-7, UTF-16 code units for UCS-2
 * @param segments how many messages the carrier bills
 */
public record SmsSegments(String encoding, int units, int segments) {

    static final String GSM_7 = "GSM-7";
    static final String UCS_2 = "UCS-2";

    private static final String BASIC = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    private static final String EXTENSION = "\f^{}\\[~]|€";
    /** The characters of either table, and those of the extension table: one lookup a character, not a search. */
    private static final BitSet IN_GSM_7 = charactersOf(BASIC + EXTENSION);
    private static final BitSet ESCAPED = charactersOf(EXTENSION);

    public static SmsSegments of(String text) {
        return isGsm7(text) ? count(text, GSM_7, 160, 153) : count(text, UCS_2, 70, 67);
    }

    /** Whether this character is in GSM-7's basic or extension table. */
    static boolean isGsm7(int codePoint) {
        return codePoint < 0x10000 && IN_GSM_7.get(codePoint);
    }

    static boolean isGsm7(String text) {
        return text.codePoints().allMatch(SmsSegments::isGsm7);
    }

    private static SmsSegments count(String text, String encoding, int single, int perPart) {
        int total = 0;
        int parts = 1;
        int inPart = 0;
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            int units = GSM_7.equals(encoding) ? (ESCAPED.get(codePoint) ? 2 : 1)
                    : Character.charCount(codePoint);
            if (inPart + units > perPart) {
                parts++;
                inPart = 0;
            }
            inPart += units;
            total += units;
            i += Character.charCount(codePoint);
        }
        int segments = total == 0 ? 0 : total <= single ? 1 : parts;
        return new SmsSegments(encoding, total, segments);
    }

    private static BitSet charactersOf(String table) {
        BitSet characters = new BitSet(0x10000);
        table.chars().forEach(characters::set);
        return characters;
    }
}
