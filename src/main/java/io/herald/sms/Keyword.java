package io.herald.sms;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Set;

/**
 * What an inbound SMS asks for. Only a message that is exactly one keyword counts: trimmed, case and accents
 * ignored ({@code où} is {@code OU}); anything else, a sentence that contains STOP included, is {@link #OTHER}
 * (docs/sms.md, "Keywords").
 */
enum Keyword {

    /** Twilio's default opt-out keywords: no SMS to the number until it opts in again. */
    OPT_OUT("STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "REVOKE", "OPTOUT"),
    /** Twilio's default opt-in keywords: the only way to lift a STOP. */
    OPT_IN("START", "YES", "UNSTOP"),
    /** Twilio's default help keywords. */
    HELP("HELP", "INFO"),
    /** The sender's open shipments, in every language Herald's templates have (en, es, fr, de). */
    STATUS("STATUS", "WHERE", "ESTADO", "DONDE", "STATUT", "OU", "STAND", "WO"),
    /** Anything else. */
    OTHER();

    private final Set<String> words;

    Keyword(String... words) {
        this.words = Set.of(words);
    }

    /** The keyword an inbound body is; {@link #OTHER} for anything that is not exactly one of them. */
    static Keyword of(String body) {
        if (body == null) {
            return OTHER;
        }
        String word = Normalizer.normalize(body.strip(), Normalizer.Form.NFD).replaceAll("\\p{M}", "")
                .toUpperCase(Locale.ROOT);
        for (Keyword keyword : values()) {
            if (keyword.words.contains(word)) {
                return keyword;
            }
        }
        return OTHER;
    }

    /** The keywords Twilio's Advanced Opt-Out answers itself on long codes and toll-free numbers. */
    boolean answeredByTwilio() {
        return this == OPT_OUT || this == OPT_IN || this == HELP;
    }

    /** How metrics, the conversation and the KPIs name it: {@code opt_out}, ..., {@code other}. */
    String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
