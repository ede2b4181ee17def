package io.herald.engagement;

import io.herald.decide.NotificationType;
import io.herald.links.LinkTokens;
import io.herald.links.LinkTokens.Purpose;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.web.util.HtmlUtils;

/**
 * The links Herald adds to an email about the customer's own mail: one-click unsubscribe (RFC 8058) for optional
 * types, the tracked form of the links the message carries ({@code herald.tracking.clicks}), and the open pixel
 * ({@code herald.tracking.opens}). Every link carries a {@link LinkTokens} token:
 * <ul>
 *   <li>{@code /u/{token}}: {@link Purpose#UNSUBSCRIBE}, subject the customer id;</li>
 *   <li>{@code /o/{token}.gif}: {@link Purpose#OPEN}, subject the attempt id;</li>
 *   <li>{@code /c/{token}?u={url}}: {@link Purpose#CLICK}, subject the attempt id and a hash of the URL, so the
 *   redirect goes only to a link Herald put in that message: another or an altered URL does not match the token.</li>
 * </ul>
 */
public final class EmailLinks {

    /** The body of an RFC 8058 one-click unsubscribe, and the value of {@code List-Unsubscribe-Post}. */
    public static final String ONE_CLICK = "List-Unsubscribe=One-Click";

    /** An absolute http(s) link in an HTML attribute as FreeMarker writes it: in double quotes, escaped. */
    private static final Pattern HREF = Pattern.compile("(<a\\s[^>]*?href\\s*=\\s*)\"(https?://[^\"]+)\"",
            Pattern.CASE_INSENSITIVE);

    private static final Pattern BODY_END = Pattern.compile("</body\\s*>", Pattern.CASE_INSENSITIVE);

    private final LinkTokens tokens;
    private final String base;
    private final boolean opens;
    private final boolean clicks;

    /**
     * @param base   Herald's public base, {@code herald.public-base-url}, without a trailing slash
     * @param opens  {@code herald.tracking.opens}: whether emails carry the open pixel
     * @param clicks {@code herald.tracking.clicks}: whether the links in emails go through the click redirect
     */
    public EmailLinks(LinkTokens tokens, String base, boolean opens, boolean clicks) {
        this.tokens = tokens;
        this.base = base.strip().replaceAll("/+$", "");
        this.opens = opens;
        this.clicks = clicks;
    }

    /** Whether emails of this type carry the one-click unsubscribe: the optional types, not critical alerts. */
    public boolean unsubscribable(String type) {
        return NotificationType.fromWire(type).map(t -> !t.critical()).orElse(false);
    }

    /** The one-click unsubscribe link of an email of this type, for an optional type of a known customer only. */
    public Optional<String> unsubscribeUrl(String type, String customerId) {
        if (!unsubscribable(type) || customerId == null || customerId.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(base + "/u/" + tokens.issue(Purpose.UNSUBSCRIBE, customerId));
    }

    /**
     * The HTML of one email attempt as it goes out: each absolute http(s) link through the click redirect (when
     * click tracking is on; unsubscribe links stay as they are), and the open pixel before {@code </body>} (when
     * open tracking is on).
     */
    public String tracked(String attemptId, String html) {
        if (html == null) {
            return null;
        }
        String out = html;
        if (clicks) {
            Matcher links = HREF.matcher(out);
            StringBuilder rewritten = new StringBuilder(out.length() + 256);
            while (links.find()) {
                String url = HtmlUtils.htmlUnescape(links.group(2));
                String href = url.startsWith(base + "/u/") ? links.group(2) : clickUrl(attemptId, url);
                links.appendReplacement(rewritten, Matcher.quoteReplacement(links.group(1) + "\"" + href + "\""));
            }
            links.appendTail(rewritten);
            out = rewritten.toString();
        }
        if (opens) {
            String pixel = "<img src=\"" + base + "/o/" + tokens.issue(Purpose.OPEN, attemptId)
                    + ".gif\" width=\"1\" height=\"1\" alt=\"\" style=\"display:block;border:0\">";
            Matcher end = BODY_END.matcher(out);
            out = end.find() ? out.substring(0, end.start()) + pixel + out.substring(end.start()) : out + pixel;
        }
        return out;
    }

    /** The tracked form of one link of one attempt. */
    String clickUrl(String attemptId, String url) {
        return base + "/c/" + tokens.issue(Purpose.CLICK, attemptId + "#" + hash(url)) + "?u="
                + URLEncoder.encode(url, StandardCharsets.UTF_8);
    }

    /** A click on a tracked link: the attempt it was in, when the token is genuine and was issued for this URL. */
    Optional<String> clickedAttempt(String token, String url) {
        if (url == null) {
            return Optional.empty();
        }
        return tokens.verify(Purpose.CLICK, token).map(LinkTokens.Claims::subject).flatMap(subject -> {
            int cut = subject.lastIndexOf('#');
            boolean same = cut > 0 && MessageDigest.isEqual(subject.substring(cut + 1).getBytes(StandardCharsets.US_ASCII),
                    hash(url).getBytes(StandardCharsets.US_ASCII));
            return same ? Optional.of(subject.substring(0, cut)) : Optional.empty();
        });
    }

    /** The attempt an open pixel names, when open tracking is on and its token is genuine. */
    Optional<String> openedAttempt(String token) {
        return opens ? tokens.verify(Purpose.OPEN, token).map(LinkTokens.Claims::subject) : Optional.empty();
    }

    /** The customer an unsubscribe token names, when it is genuine and not expired. */
    Optional<String> unsubscribingCustomer(String token) {
        return tokens.verify(Purpose.UNSUBSCRIBE, token).map(LinkTokens.Claims::subject);
    }

    /** 128 bits of the URL's SHA-256, URL-safe Base64. */
    static String hash(String url) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(url.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 16));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
