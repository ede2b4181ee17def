package io.herald.render;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

/**
 * Keeps an SMS within its segment budget. SMS templates wrap the parts a customer can do without in
 * {@code <@fit.optional drop=n>} (templates/sms/fit.ftl), which marks them in the rendered text. When the whole text
 * is too long, the optional parts go, whole, lowest {@code drop} first; a word or a link is never cut. Smart encoding
 * comes first; when even the required parts do not fit as UCS-2, accented letters are replaced by GSM-7 ones (which
 * more than doubles the room) before giving up.
 */
final class SmsFitter {

    static final char START = '\uE000';
    static final char BODY = '\uE001';
    static final char END = '\uE002';

    private final SmsProperties settings;

    SmsFitter(SmsProperties settings) {
        this.settings = settings;
    }

    /** The text that fits, and its length. Fails when the required parts alone exceed the budget. */
    Fitted fit(String marked) {
        List<Piece> pieces = parse(marked);
        if (settings.smartEncoding().enabled()) {
            pieces = map(pieces, SmartEncoding::punctuation);
        }
        if (settings.smartEncoding().accents()) {
            pieces = map(pieces, SmartEncoding::accents);
        }
        Fitted fitted = shorten(pieces);
        if (fitted == null && !SmsSegments.isGsm7(join(pieces, 0))) {
            fitted = shorten(map(pieces, SmartEncoding::accents));
        }
        if (fitted == null) {
            SmsSegments required = SmsSegments.of(join(pieces, Integer.MAX_VALUE));
            throw new IllegalStateException("The SMS needs " + required.segments() + " segments (" + required.units()
                    + " " + required.encoding() + " units) without its optional parts; herald.sms.max-segments is "
                    + settings.maxSegments());
        }
        return fitted;
    }

    /** The text with every optional part kept and the marks removed; spaces and lines as they were. */
    static String unmarked(String marked) {
        if (marked.indexOf(START) < 0) {
            return marked;
        }
        StringBuilder out = new StringBuilder();
        parse(marked).forEach(piece -> out.append(piece.text()));
        return out.toString().strip();
    }

    private Fitted shorten(List<Piece> pieces) {
        TreeSet<Integer> drops = new TreeSet<>();
        pieces.stream().filter(p -> p.drop() > 0).forEach(p -> drops.add(p.drop()));
        drops.add(0);
        for (int dropped : drops) {
            String text = join(pieces, dropped);
            SmsSegments length = SmsSegments.of(text);
            if (length.segments() <= settings.maxSegments()) {
                return new Fitted(text, length);
            }
        }
        return null;
    }

    /** The pieces joined, without those whose {@code drop} is 1 to {@code dropped}; spaces tidied. */
    private static String join(List<Piece> pieces, int dropped) {
        StringBuilder out = new StringBuilder();
        for (Piece piece : pieces) {
            if (piece.drop() == 0 || piece.drop() > dropped) {
                out.append(piece.text());
            }
        }
        return out.toString().replaceAll("\\s+", " ").strip();
    }

    private static List<Piece> map(List<Piece> pieces, UnaryOperator<String> change) {
        return pieces.stream().map(p -> new Piece(change.apply(p.text()), p.drop())).toList();
    }

    private static List<Piece> parse(String marked) {
        List<Piece> pieces = new ArrayList<>();
        int at = 0;
        while (at < marked.length()) {
            int start = marked.indexOf(START, at);
            if (start < 0) {
                pieces.add(new Piece(marked.substring(at), 0));
                break;
            }
            int body = marked.indexOf(BODY, start);
            int end = marked.indexOf(END, start);
            if (body < 0 || end < body) {
                throw new IllegalStateException("An optional part of the SMS template is not closed");
            }
            pieces.add(new Piece(marked.substring(at, start), 0));
            pieces.add(new Piece(marked.substring(body + 1, end), Integer.parseInt(marked.substring(start + 1, body))));
            at = end + 1;
        }
        return pieces;
    }

    /** A required ({@code drop} 0) or optional part of the text. */
    private record Piece(String text, int drop) {
    }

    record Fitted(String text, SmsSegments length) {
    }
}
