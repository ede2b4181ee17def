package io.herald.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.client.WireMock;
import io.herald.links.LinkTokens;
import io.herald.links.LinkTokens.Purpose;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The customer's pages over HTTP, without a browser (docs/pages.md): the tracking page reached from the link of a real
 * email, what it shows and hides, the lookup form, and the preference page.
 */
class CustomerPagesIT extends HeraldIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final Pattern TRACK_LINK = Pattern.compile("https?://[^/\\s\"]+(/track/[A-Za-z0-9_-]+)");
    private static final Pattern PREFERENCES_LINK = Pattern.compile("https?://[^/\\s\"]+(/preferences/[A-Za-z0-9_-]+)");

    @Autowired
    LinkTokens tokens;

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void twilioAcceptsMessages() {
        TWILIO.stubFor(WireMock.post(urlEqualTo(MESSAGES_PATH)).atPriority(10).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json")
                .withBody(NotificationJourneyIT.twilioMessage("SM" + "c".repeat(32)))));
    }

    @Test
    void trackingLinkOfASentEmailShowsTheShipmentsStatusTimelineAndCarrierLinkInTheCustomersLanguage()
            throws Exception {
        String email = "ada.pages@example.com";
        String phone = "+4915112349001";
        String trackingNumber = trackingNumber("PAGES");
        post("/api/v1/intake/oms", SamplePayloads.omsOrder("SO-PG1", "C-PG1", email, phone, "de-DE", "both", 300));
        publishWms(trackingNumber, SamplePayloads.wmsShipped("SO-PG1", trackingNumber, 240));
        await().atMost(WAIT).until(() -> mailsTo(email).size() == 2);
        post("/api/v1/intake/easypost", SamplePayloads.easypostTrackerUpdated(trackingNumber, "delivered", 10));
        await().atMost(WAIT).until(() -> sentByEmail("SO-PG1", "delivered"));

        List<jakarta.mail.internet.MimeMessage> mails = mailsTo(email);
        String text = NotificationJourneyIT.parts(mails.get(mails.size() - 1)).get("text/plain");
        HttpResponse<String> page = get(link(TRACK_LINK, text));

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(type -> type.startsWith("text/html"));
        assertThat(page.headers().firstValue("Referrer-Policy")).contains("no-referrer");
        String html = page.body();
        assertThat(html).contains("<html lang=\"de\">", "Ihre Bestellung SO-PG1", "Hallo Ada",
                "Zugestellt", "In Zustellung", "Unterwegs", "UPS " + trackingNumber,
                "https://www.ups.com/track?tracknum=" + trackingNumber, "Berlin, DE", "Leipzig, DE",
                "Zeiten in Europe/Berlin", "/preferences/");
        // the timeline is the shipment's, newest first
        assertThat(html.indexOf("Zugestellt")).isLessThan(html.lastIndexOf("Unterwegs"));
        // first name only; no contact details, amounts, items or the carrier's own words
        assertThat(html).doesNotContain("Lovelace", email, phone, "42,50", "Enamel mug", "Delivered, front door",
                "Departed from facility");

        // the default run's outbox links each message to its order's tracking page
        Matcher outboxLink = Pattern.compile("<a href=\"https?://[^/\"]+(/track/[A-Za-z0-9_-]+)\">tracking page</a>")
                .matcher(get("/outbox").body());
        assertThat(outboxLink.find()).isTrue();
        assertThat(get(outboxLink.group(1)).statusCode()).isEqualTo(200);
    }

    @Test
    void everyShipmentSmsLinksToTheTrackingPage() {
        String phone = "+4915112349002";
        String trackingNumber = trackingNumber("PAGESMS");
        post("/api/v1/intake/oms", SamplePayloads.omsOrder("SO-PG2", "C-PG2", "sms.pages@example.com", phone, "en",
                "sms", 300));
        publishWms(trackingNumber, SamplePayloads.wmsShipped("SO-PG2", trackingNumber, 240));
        await().atMost(WAIT).until(() -> NotificationJourneyIT.smsTo(phone).size() == 2);

        String shipped = NotificationJourneyIT.smsTo(phone).stream().map(sms -> sms.get("Body"))
                .filter(body -> body.contains(" shipped with ")).findFirst().orElseThrow();
        Matcher link = TRACK_LINK.matcher(shipped);
        assertThat(link.find()).as(shipped).isTrue();
        assertThat(get(link.group(1)).body()).contains("Your order SO-PG2", "On its way");
    }

    @Test
    void trackingPageRefusesForgedExpiredAndForeignTokensWith404() {
        String order = "SO-PG3";
        post("/api/v1/intake/oms", SamplePayloads.omsOrder(order, "C-PG3", "grace.pages@example.com",
                "+4915112349003", "en", "email", 300));
        await().atMost(WAIT).until(() -> get("/track/" + tokens.issue(Purpose.TRACK, order)).statusCode() == 200);

        assertThat(get("/track/not-a-token").statusCode()).isEqualTo(404);
        assertThat(get("/track/" + tokens.issue(Purpose.TRACK, order, Instant.now().minusSeconds(1))).statusCode())
                .as("expired").isEqualTo(404);
        assertThat(get("/track/" + tokens.issue(Purpose.PREFERENCES, order)).statusCode())
                .as("a token of another purpose").isEqualTo(404);
        assertThat(get("/track/" + tokens.issue(Purpose.TRACK, "SO-UNKNOWN-PG")).statusCode())
                .as("an order Herald does not know").isEqualTo(404);
        String genuine = tokens.issue(Purpose.TRACK, order);
        String altered = genuine.substring(0, genuine.length() - 2) + (genuine.endsWith("AA") ? "BB" : "AA");
        HttpResponse<String> forged = get("/track/" + altered);
        assertThat(forged.statusCode()).as("altered").isEqualTo(404);
        assertThat(forged.body()).doesNotContain(order);
    }

    @Test
    void lookupWithOrderNumberAndEmailRedirectsToTheTrackingPageAndNeverSaysWhichFieldWasWrong() throws Exception {
        String email = "lookup.pages@example.com";
        String trackingNumber = trackingNumber("PAGELOOK");
        post("/api/v1/intake/oms", SamplePayloads.omsOrder("SO-PG4", "C-PG4", email, "+4915112349004", "en", "email",
                300));
        publishWms(trackingNumber, SamplePayloads.wmsShipped("SO-PG4", trackingNumber, 240));
        await().atMost(WAIT).until(() -> mailsTo(email).size() == 2);

        assertThat(get("/track").body()).contains("<form", "name=\"orderNumber\"", "name=\"email\"",
                "<label for=\"orderNumber\">");

        HttpResponse<String> found = postForm("/track", Map.of("orderNumber", "SO-PG4", "email", "LOOKUP.pages@example.com"));
        assertThat(found.statusCode()).isEqualTo(303);
        String location = found.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith("/track/");
        assertThat(get(location).body()).contains("Your order SO-PG4", trackingNumber);

        HttpResponse<String> wrongEmail = postForm("/track", Map.of("orderNumber", "SO-PG4", "email",
                "someone.else@example.com"));
        HttpResponse<String> wrongOrder = postForm("/track", Map.of("orderNumber", "SO-PG4-X", "email", email));
        HttpResponse<String> trackingNumberOnly = postForm("/track", Map.of("orderNumber", trackingNumber,
                "email", ""));
        HttpResponse<String> trackingNumberWithEmail = postForm("/track", Map.of("orderNumber", trackingNumber,
                "email", email));
        for (HttpResponse<String> refused : java.util.List.of(wrongEmail, wrongOrder, trackingNumberOnly,
                trackingNumberWithEmail)) {
            assertThat(refused.statusCode()).isEqualTo(200);
            assertThat(refused.headers().firstValue("Location")).isEmpty();
            assertThat(refused.body()).contains("We could not find an order with these details")
                    .doesNotContain("Your order SO-PG4", "On its way");
        }
        // the same answer whichever field was wrong
        assertThat(wrongEmail.body().replace("SO-PG4", "")).isEqualTo(wrongOrder.body().replace("SO-PG4-X", ""));
    }

    @Test
    void orderNumberWithFiveFailedLookupsTakesNoMoreEvenWithTheRightEmail() {
        String email = "guessed.pages@example.com";
        post("/api/v1/intake/oms", SamplePayloads.omsOrder("SO-PG7", "C-PG7", email, "+4915112349007", "en", "email",
                300));
        await().atMost(WAIT).until(() -> jdbc.queryForObject("SELECT COUNT(*) FROM customer WHERE email = ?",
                Integer.class, email) == 1);
        for (int guess = 0; guess < 5; guess++) {
            assertThat(postForm("/track", Map.of("orderNumber", "SO-PG7", "email", "guess" + guess + "@example.com"))
                    .statusCode()).isEqualTo(200);
        }
        HttpResponse<String> refused = postForm("/track", Map.of("orderNumber", "SO-PG7", "email", email));
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.body()).contains("Too many attempts for this order number");
        assertThat(refused.headers().firstValue("Location")).isEmpty();
    }

    @Test
    void preferencePageShowsCriticalAlertsAlwaysOnAndAChangeSticks() throws Exception {
        String email = "prefs.pages@example.com";
        post("/api/v1/intake/oms", SamplePayloads.omsOrder("SO-PG5", "C-PG5", email, "+4915112349005", "en", "email",
                300));
        await().atMost(WAIT).until(() -> mailsTo(email).size() == 1);
        String path = link(PREFERENCES_LINK, NotificationJourneyIT.parts(mailsTo(email).get(0)).get("text/plain"));

        String html = get(path).body();
        assertThat(html).contains("Your message preferences", "name=\"type.shipped.email\" checked",
                "id=\"type-delayed-email\" checked disabled", "Always on", "<label for=\"channel-email\"");
        assertThat(html).doesNotContain("name=\"type.delayed.email\"");

        // the form as a browser posts it: every box checked but "shipped" by email
        String form = html.lines().filter(line -> line.contains("type=\"checkbox\"") && line.contains(" checked")
                        && !line.contains("disabled"))
                .flatMap(line -> Pattern.compile("name=\"([^\"]+)\"").matcher(line).results().map(r -> r.group(1)))
                .filter(name -> !name.equals("type.shipped.email"))
                .map(name -> URLEncoder.encode(name, StandardCharsets.UTF_8) + "=on")
                .collect(Collectors.joining("&"));
        HttpResponse<String> saved = send(HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build());
        assertThat(saved.statusCode()).isEqualTo(303);
        assertThat(saved.headers().firstValue("Location")).contains(path + "?saved");

        String after = get(path + "?saved").body();
        assertThat(after).contains("Your preferences are saved", "name=\"type.shipped.email\" aria-label",
                "name=\"type.delivered.email\" checked", "id=\"type-delayed-email\" checked disabled");
        assertThat(jdbc.queryForList("SELECT type, channel, enabled FROM preference WHERE customer_id = ? "
                + "AND origin = 'CUSTOMER'", "C-PG5")).as("only what changed is the customer's choice")
                .containsExactly(Map.of("TYPE", "shipped", "CHANNEL", "email", "ENABLED", false));
    }

    @Test
    void preferencePageRefusesATrackingToken() {
        assertThat(get("/preferences/" + tokens.issue(Purpose.TRACK, "C-PG6")).statusCode()).isEqualTo(404);
        assertThat(postForm("/preferences/" + tokens.issue(Purpose.TRACK, "C-PG6"), Map.of("channel.email", "on"))
                .statusCode()).isEqualTo(404);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM preference WHERE customer_id = 'C-PG6'", Integer.class))
                .isZero();
    }

    /** Whether the order's message of this type went by email. */
    boolean sentByEmail(String orderId, String type) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM notification WHERE order_id = ? AND type = ? AND channel = "
                + "'email' AND state = 'SENT'", Integer.class, orderId, type) == 1;
    }

    private static String link(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        assertThat(matcher.find()).as(text).isTrue();
        return matcher.group(1);
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private HttpResponse<String> postForm(String path, Map<String, String> fields) {
        String body = fields.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept-Language", "en").POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
