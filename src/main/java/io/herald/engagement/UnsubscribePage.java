package io.herald.engagement;

import io.herald.render.BrandProperties;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

/**
 * The small pages of {@code /u/{token}}, in the customer's language (the words are in
 * {@code engagement/unsubscribe_<language>.properties}; English where Herald has no translation): the question, a
 * plain form that posts the one-click body (no JavaScript), and the answer once unsubscribed. Both link to the
 * preference page. Branded with {@code herald.brand.name} and {@code colour}.
 */
@Component
class UnsubscribePage {

    private static final String WORDS = "engagement/unsubscribe";
    private static final ResourceBundle.Control NO_FALLBACK =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    private final BrandProperties brand;

    UnsubscribePage(BrandProperties brand) {
        this.brand = brand;
    }

    /** The question: unsubscribing needs the button, opening the link alone changes nothing. */
    String ask(Locale locale, String preferencesUrl) {
        ResourceBundle words = words(locale);
        return page(words, text(words, "ask.title"), """
                <p>%s</p>
                <form method="post">
                <input type="hidden" name="List-Unsubscribe" value="One-Click">
                <button type="submit">%s</button>
                </form>
                <p><a href="%s">%s</a></p>
                """.formatted(word(words, "ask.text"), word(words, "ask.button"), esc(preferencesUrl),
                word(words, "preferences")));
    }

    /** The answer to a one-click unsubscribe. */
    String done(Locale locale, String preferencesUrl) {
        ResourceBundle words = words(locale);
        return page(words, text(words, "done.title"), """
                <p>%s</p>
                <p><a href="%s">%s</a></p>
                """.formatted(word(words, "done.text"), esc(preferencesUrl), word(words, "preferences")));
    }

    private String page(ResourceBundle words, String title, String content) {
        String language = words.getLocale().getLanguage().isEmpty() ? "en" : words.getLocale().getLanguage();
        return """
                <!doctype html>
                <html lang="%s"><head><meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <meta name="robots" content="noindex">
                <title>%s</title>
                <style>
                body{font-family:system-ui,Arial,sans-serif;margin:0;background:#f4f5f7;color:#1d2330;line-height:1.5}
                main{max-width:32rem;margin:2rem auto;background:#fff;border-top:4px solid %s;border-radius:8px;padding:1.5rem}
                h1{font-size:1.4rem;margin-top:0}
                button{font-size:1rem;padding:.7rem 1.2rem;border:0;border-radius:4px;background:%s;color:#fff;cursor:pointer}
                button:focus,a:focus{outline:3px solid #1d2330;outline-offset:2px}
                a{color:#1d2330}
                </style></head>
                <body><main>
                <p><strong>%s</strong></p>
                <h1>%s</h1>
                %s</main></body></html>
                """.formatted(language, esc(title), esc(brand.colour()), esc(brand.colour()), esc(brand.name()),
                esc(title), content);
    }

    /** One phrase, with the brand's name in it, escaped for HTML. */
    private String word(ResourceBundle words, String key) {
        return esc(text(words, key));
    }

    private String text(ResourceBundle words, String key) {
        return words.getString(key).replace("{brand}", brand.name());
    }

    private static ResourceBundle words(Locale locale) {
        try {
            return ResourceBundle.getBundle(WORDS, locale == null ? Locale.ROOT : locale, NO_FALLBACK);
        } catch (MissingResourceException none) {
            return ResourceBundle.getBundle(WORDS, Locale.ROOT, NO_FALLBACK);
        }
    }

    private static String esc(String text) {
        return HtmlUtils.htmlEscape(text == null ? "" : text, "UTF-8");
    }
}
