package io.herald.engagement;

import io.herald.customer.PageLinks;
import io.herald.decide.PreferenceStore;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The customer's side of the email links ({@link EmailLinks}); each checks its own signed token, with no login, no
 * cookie and no CSRF token (DESIGN.md, "Who may call what"). A token that is malformed, forged, altered, of another
 * purpose or expired gets 404 with nothing in it.
 * <ul>
 *   <li>{@code POST /u/{token}} with {@code List-Unsubscribe=One-Click} (RFC 8058), form-urlencoded or multipart:
 *   unsubscribes the customer from optional emails (critical alerts still go) and answers 200 with a short page,
 *   never a redirect; any other body gets 400.</li>
 *   <li>{@code GET /u/{token}} unsubscribes nothing: a page with the button that posts the one-click body, and a
 *   link to the preference page. Mail scanners that open links do no harm.</li>
 *   <li>{@code GET /o/{token}.gif}: records an open and answers a transparent 1x1 GIF, when
 *   {@code herald.tracking.opens} is on; 404 otherwise.</li>
 *   <li>{@code GET /c/{token}?u={url}}: records a click and redirects (302) to the URL, only when the token was
 *   issued for that URL in that message: no open redirect.</li>
 * </ul>
 * A {@code HEAD} of the pixel or a tracked link (link checkers send them) answers as the GET and records nothing.
 */
@RestController
class EngagementController {

    /** A transparent 1x1 GIF89a. */
    static final byte[] PIXEL = Base64.getDecoder().decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7");

    private static final MediaType HTML_UTF8 = new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8);

    private final EmailLinks links;
    private final PageLinks pages;
    private final EngagementLog log;
    private final PreferenceStore preferences;
    private final UnsubscribePage page;
    private final Clock clock;

    EngagementController(EmailLinks links, PageLinks pages, EngagementLog log, PreferenceStore preferences,
                         UnsubscribePage page, Clock clock) {
        this.links = links;
        this.pages = pages;
        this.log = log;
        this.preferences = preferences;
        this.page = page;
        this.clock = clock;
    }

    @GetMapping(path = "/u/{token}")
    ResponseEntity<String> unsubscribePage(@PathVariable String token, HttpServletRequest request) {
        return links.unsubscribingCustomer(token)
                .map(customer -> html(HttpStatus.OK, page.ask(locale(customer, request), pages.preferencesUrl(customer))))
                .orElseGet(EngagementController::notFound);
    }

    @PostMapping(path = "/u/{token}")
    ResponseEntity<String> unsubscribe(@PathVariable String token, HttpServletRequest request) throws IOException {
        Optional<String> customer = links.unsubscribingCustomer(token);
        if (customer.isEmpty()) {
            return notFound();
        }
        if (!OneClickBody.isOneClick(request.getContentType(), body(request))) {
            return ResponseEntity.badRequest().cacheControl(CacheControl.noStore()).build();
        }
        preferences.unsubscribeEmail(customer.get(), OffsetDateTime.now(clock), "one-click");
        return html(HttpStatus.OK, page.done(locale(customer.get(), request), pages.preferencesUrl(customer.get())));
    }

    @GetMapping(path = "/o/{token}.gif")
    ResponseEntity<byte[]> open(@PathVariable String token, HttpMethod method) {
        Optional<String> attempt = links.openedAttempt(token);
        if (attempt.isEmpty()) {
            return ResponseEntity.notFound().build();
        }
        if (method != HttpMethod.HEAD) {
            log.recordOpen(attempt.get());
        }
        return ResponseEntity.ok().contentType(MediaType.IMAGE_GIF).cacheControl(CacheControl.noStore()).body(PIXEL);
    }

    @GetMapping(path = "/c/{token}")
    ResponseEntity<Void> click(@PathVariable String token, @RequestParam(name = "u", required = false) String url,
                               HttpMethod method) {
        Optional<String> attempt = links.clickedAttempt(token, url);
        if (attempt.isEmpty()) {
            return ResponseEntity.notFound().build();
        }
        if (method != HttpMethod.HEAD) {
            log.recordClick(attempt.get());
        }
        return ResponseEntity.status(HttpStatus.FOUND).header(HttpHeaders.LOCATION, url)
                .cacheControl(CacheControl.noStore()).build();
    }

    /** The customer's language as the sources gave it, else the browser's. */
    private Locale locale(String customerId, HttpServletRequest request) {
        return log.localeOf(customerId).map(tag -> Locale.forLanguageTag(tag.replace('_', '-')))
                .orElseGet(request::getLocale);
    }

    /** The request body, up to one byte more than a one-click body may have. */
    private static byte[] body(HttpServletRequest request) throws IOException {
        try (InputStream in = request.getInputStream()) {
            return in.readNBytes(OneClickBody.MAX_BYTES + 1);
        }
    }

    private static ResponseEntity<String> html(HttpStatus status, String html) {
        return ResponseEntity.status(status).contentType(HTML_UTF8)
                .cacheControl(CacheControl.noStore()).body(html);
    }

    private static ResponseEntity<String> notFound() {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).cacheControl(CacheControl.noStore()).build();
    }
}
