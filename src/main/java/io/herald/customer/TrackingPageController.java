package io.herald.customer;

import io.herald.links.LinkTokens;
import io.herald.links.LinkTokens.Purpose;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The customer's tracking page, {@code GET /track/{token}} with a {@link Purpose#TRACK} token of the order id: the
 * order's shipments, each with its status, ETA, carrier link and timeline (docs/pages.md). A token that is not
 * genuine, has expired or names an unknown order gets 404. The lookup form, {@code GET} and {@code POST /track}, takes
 * an order number and the customer's email, and answers a match with a redirect to the order's page; it never says
 * which of the two was wrong, and a tracking number alone finds nothing. An order number with five failed lookups in
 * 15 minutes takes none for a while ({@link LookupAttempts}): 429. No login and no CSRF token: the signed token,
 * or the order number with the email, is the key (DESIGN.md, "Who may call what").
 */
@RestController
class TrackingPageController {

    private static final int MAX_FIELD = 320;

    private final LinkTokens tokens;
    private final TrackingPages pages;
    private final PageTemplates templates;
    private final LookupAttempts attempts;

    TrackingPageController(LinkTokens tokens, TrackingPages pages, PageTemplates templates, LookupAttempts attempts) {
        this.tokens = tokens;
        this.pages = pages;
        this.templates = templates;
        this.attempts = attempts;
    }

    @GetMapping(path = "/track/{token}", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> track(@PathVariable String token, Locale browser) {
        Optional<TrackingPages.TrackedOrder> order = tokens.verify(Purpose.TRACK, token)
                .flatMap(claims -> pages.load(claims.subject(), templates::language));
        if (order.isEmpty()) {
            return notFound(browser);
        }
        TrackingPages.TrackedOrder tracked = order.get();
        Map<String, Object> model = new HashMap<>(tracked.model());
        if (tracked.customerId() != null) {
            model.put("preferencesUrl", "/preferences/" + tokens.issue(Purpose.PREFERENCES, tracked.customerId()));
        }
        return html(HttpStatus.OK, templates.render("track", templates.language(tracked.locale()), model));
    }

    @GetMapping(path = "/track", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> lookupForm(Locale browser) {
        return html(HttpStatus.OK, templates.render("lookup", templates.language(browser.toLanguageTag()), Map.of()));
    }

    @PostMapping(path = "/track", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> lookup(@RequestParam(name = "orderNumber", required = false) String orderNumber,
                                  @RequestParam(name = "email", required = false) String email, Locale browser) {
        String order = orderNumber == null ? "" : orderNumber.strip();
        String address = email == null ? "" : email.strip();
        String language = templates.language(browser.toLanguageTag());
        Map<String, Object> model = new HashMap<>();
        model.put("orderNumber", order.length() <= MAX_FIELD ? order : "");
        if (!attempts.allowed(order)) {
            model.put("tooMany", true);
            return html(HttpStatus.TOO_MANY_REQUESTS, templates.render("lookup", language, model));
        }
        if (!order.isEmpty() && !address.isEmpty() && order.length() <= MAX_FIELD && address.length() <= MAX_FIELD
                && pages.matchesEmail(order, address)) {
            return ResponseEntity.status(HttpStatus.SEE_OTHER)
                    .header(HttpHeaders.LOCATION, "/track/" + tokens.issue(Purpose.TRACK, order))
                    .cacheControl(CacheControl.noStore()).build();
        }
        attempts.failed(order);
        model.put("failed", true);
        return html(HttpStatus.OK, templates.render("lookup", language, model));
    }

    private ResponseEntity<String> notFound(Locale browser) {
        return html(HttpStatus.NOT_FOUND, templates.render("not-found", templates.language(browser.toLanguageTag()),
                Map.of()));
    }

    /**
     * A page's answer: never cached, never indexed, and no Referer to the carrier's site, so the token in the address
     * stays with its holder.
     */
    static ResponseEntity<String> html(HttpStatus status, String body) {
        return ResponseEntity.status(status)
                .contentType(new MediaType(MediaType.TEXT_HTML, java.nio.charset.StandardCharsets.UTF_8))
                .cacheControl(CacheControl.noStore())
                .header("Referrer-Policy", "no-referrer")
                .header("X-Robots-Tag", "noindex")
                .body(body);
    }
}
