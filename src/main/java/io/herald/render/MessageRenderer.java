package io.herald.render;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * Renders one notification for one channel: the email's subject, text and HTML, the SMS text fitted to
 * {@code herald.sms.max-segments}, or a push's title and body. A push has no templates of its own: its title is the
 * email's subject and its body the SMS text with every optional part kept, so the three channels say the same.
 */
@Component("messageRenderer")
public class MessageRenderer {

    private final TemplateRenderer templates;
    private final Brand brand;
    private final SmsFitter fitter;

    public MessageRenderer(TemplateRenderer templates, Brand brand, SmsProperties sms) {
        this.templates = templates;
        this.brand = brand;
        this.fitter = new SmsFitter(sms);
    }

    /**
     * Renders one message for one channel ({@code email} or {@code sms}); a wanted locale like {@code fr-CA} falls
     * back to {@code fr}, then to {@code herald.notifications.default-locale}. Fails (IllegalStateException) when a
     * template or a value it needs is missing, or when an SMS cannot fit its budget without cutting required parts.
     */
    public RenderedMessage render(MessageFacts facts, String channel, String wantedLocale, ZoneId zone) {
        return render(facts, channel, wantedLocale, zone, Map.of(), false);
    }

    /**
     * Renders one message with the links of the customer's pages, which templates see as {@code links.track} and
     * {@code links.preferences} (docs/pages.md); either may be missing. An SMS that the tracking page's link would
     * push over {@code herald.sms.max-segments} is rendered without it, with the carrier's link as before.
     */
    public RenderedMessage render(MessageFacts facts, String channel, String wantedLocale, ZoneId zone,
                                  Map<String, String> links) {
        return render(facts, channel, wantedLocale, zone, links, false);
    }

    /**
     * As {@link #render(MessageFacts, String, String, ZoneId)}; with {@code optOutNotice}, an SMS ends with the
     * opt-out notice ("Reply STOP to opt out.") in its language, a required part that the fitting never drops: the
     * first SMS Herald sends to a number carries it (docs/sms.md, "Consent").
     */
    public RenderedMessage render(MessageFacts facts, String channel, String wantedLocale, ZoneId zone,
                                  boolean optOutNotice) {
        return render(facts, channel, wantedLocale, zone, Map.of(), optOutNotice);
    }

    /** With the pages' links and, for the first SMS to a number, the opt-out notice. */
    public RenderedMessage render(MessageFacts facts, String channel, String wantedLocale, ZoneId zone,
                                  Map<String, String> links, boolean optOutNotice) {
        String type = facts.type();
        if (!supports(channel, type)) {
            throw new IllegalStateException("No " + channel + " templates for type " + type);
        }
        if ("push".equals(channel)) {
            return renderPush(facts, wantedLocale, zone, links);
        }
        String locale = templates.resolveLocale(channel, type, wantedLocale);
        Map<String, Object> model = MessageModel.of(facts, formatLocale(locale, wantedLocale), zone, brand);
        model.put("links", Map.copyOf(links));
        String text = templates.renderMarked(channel, locale, type, "txt", model).orElseThrow(() ->
                new IllegalStateException("No text template for " + channel + "/" + locale + "/" + type));
        if ("sms".equals(channel)) {
            if (optOutNotice) {
                text = text + " " + reply(OPT_OUT_NOTICE, Map.of(), locale);
            }
            SmsFitter.Fitted fitted;
            try {
                fitted = fitter.fit(text);
            } catch (IllegalStateException tooLong) {
                if (!links.containsKey("track")) {
                    throw tooLong;
                }
                // the tracking page's link is longer than the carrier's: an SMS it would push over its budget links
                // to the carrier instead (docs/pages.md)
                Map<String, String> withoutPage = new java.util.HashMap<>(links);
                withoutPage.remove("track");
                return render(facts, channel, wantedLocale, zone, withoutPage, optOutNotice);
            }
            return new RenderedMessage(locale, null, fitted.text(), null, fitted.length().encoding(),
                    fitted.length().segments());
        }
        String subject = templates.render(channel, locale, type, "subject", model).orElseThrow(() ->
                new IllegalStateException("No subject template for " + channel + "/" + locale + "/" + type));
        String html = templates.render(channel, locale, type, "html", model).orElse(null);
        return new RenderedMessage(locale, subject, SmsFitter.unmarked(text), html, null, 0);
    }

    /** How messages write a day ("Tuesday, 3 March"), for pages that use the same words. */
    public static java.time.format.DateTimeFormatter dayFormat(Locale language) {
        return MessageModel.dayFormat(language);
    }

    /** The templates of Herald's SMS answers (io.herald.sms): {@code sms/<locale>/conversation/replies.txt.ftl}. */
    private static final String REPLIES = "conversation/replies";
    private static final String OPT_OUT_NOTICE = "opt_out_notice";
    /** A notification type's name, as its templates' file names hold it. */
    private static final Pattern TYPE = Pattern.compile("[a-z_]+");

    /**
     * One of Herald's SMS answers ({@code reply}: help, stopped, started, status, other, opt_out_notice) in the
     * customer's language, or the default one; {@code values} are the template's model besides {@code reply}.
     */
    public String reply(String reply, Map<String, Object> values, String wantedLocale) {
        String locale = templates.resolveLocale("sms", REPLIES, wantedLocale);
        Map<String, Object> model = new java.util.HashMap<>(values);
        model.put("reply", reply);
        return templates.render("sms", locale, REPLIES, "txt", model).orElseThrow(() ->
                new IllegalStateException("No SMS replies template for " + locale));
    }

    /** A day as the messages write it ("Tuesday, 3 March"), in the customer's language and zone. */
    public String day(OffsetDateTime at, String wantedLocale, ZoneId zone) {
        String locale = templates.resolveLocale("sms", REPLIES, wantedLocale);
        return MessageModel.dayFormat(formatLocale(locale, wantedLocale)).format(at.atZoneSameInstant(zone));
    }

    /** Whether this channel has templates for this type; push, when both email and SMS have them. */
    public boolean supports(String channel, String type) {
        if ("push".equals(channel)) {
            return supports("email", type) && supports("sms", type);
        }
        return ("email".equals(channel) || "sms".equals(channel)) && type != null && TYPE.matcher(type).matches()
                && templates.supports(channel, type);
    }

    /**
     * The push title (the email's subject) and body (the SMS text, unfitted, with the same links as the SMS: the
     * tracking page where it has one), in the SMS templates' locale.
     */
    private RenderedMessage renderPush(MessageFacts facts, String wantedLocale, ZoneId zone,
                                       Map<String, String> links) {
        String type = facts.type();
        String locale = templates.resolveLocale("sms", type, wantedLocale);
        Map<String, Object> model = MessageModel.of(facts, formatLocale(locale, wantedLocale), zone, brand);
        model.put("links", Map.copyOf(links));
        String title = templates.render("email", locale, type, "subject", model).orElseThrow(() ->
                new IllegalStateException("No subject template for email/" + locale + "/" + type));
        String body = templates.render("sms", locale, type, "txt", model).orElseThrow(() ->
                new IllegalStateException("No text template for sms/" + locale + "/" + type));
        return new RenderedMessage(locale, title, body, null, null, 0);
    }

    /** The customer's own locale where it has the templates' language ({@code en-US} dates), else the templates'. */
    private static Locale formatLocale(String templateLocale, String wanted) {
        Locale templates = Locale.forLanguageTag(templateLocale);
        if (wanted != null && !wanted.isBlank()) {
            Locale customer = Locale.forLanguageTag(wanted.replace('_', '-'));
            if (customer.getLanguage().equals(templates.getLanguage())) {
                return customer;
            }
        }
        return templates;
    }
}
