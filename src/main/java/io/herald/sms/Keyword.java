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

    /**
     * Twilio's default opt-out keywords, and the word for it in the templates' other languages (STOPP, ARRET, BAJA):
     * no SMS to the number until it opts in again. Herald honours the others itself; Twilio neither blocks the number
     * for them nor answers them.
     */
    OPT_OUT(Set.of("STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "REVOKE", "OPTOUT"),
            Set.of("STOPP", "ARRET", "BAJA")),
    /** Twilio's default opt-in keywords: the only way to lift a STOP. */
    OPT_IN(Set.of("START", "YES", "UNSTOP"), Set.of()),
    /** Twilio's default help keywords, and the word for help in the templates' other languages. */
    HELP(Set.of("HELP", "INFO"), Set.of("AYUDA", "AIDE", "HILFE")),
    /** The sender's open shipments, in every language Herald's templates have (en, es, fr, de). */
    STATUS(Set.of(), Set.of("STATUS", "WHERE", "ESTADO", "DONDE", "STATUT", "OU", "STAND", "WO")),
    /** Anything else. */
    OTHER(Set.of(), Set.of());

    /** The words Twilio's Advanced Opt-Out answers itself on long codes and toll-free numbers. */
    private final Set<String> twilios;
    private final Set<String> heralds;

    Keyword(Set<String> twilios, Set<String> heralds) {
        this.twilios = twilios;
        this.heralds = heralds;
    }

    /** The keyword an inbound body is; {@link #OTHER} for anything that is not exactly one of them. */
    static Keyword of(String body) {
        String word = word(body);
        for (Keyword keyword : values()) {
            if (keyword.twilios.contains(word) || keyword.heralds.contains(word)) {
                return keyword;
            }
        }
        return OTHER;
    }

    /** Whether the body, this keyword, is one of its words that Twilio's Advanced Opt-Out answers itself. */
    boolean answeredByTwilio(String body) {
        return twilios.contains(word(body));
    }

    /** The body as one word would read: trimmed, accents gone, in upper case. */
    private static String word(String body) {
        return body == null ? "" : Normalizer.normalize(body.strip(), Normalizer.Form.NFD).replaceAll("\\p{M}", "")
                .toUpperCase(Locale.ROOT);
    }

    /** How metrics, the conversation and the KPIs name it: {@code opt_out}, ..., {@code other}. */
    String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
