package io.herald.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.herald.it.DecidePayloads.Scan;
import io.herald.links.LinkTokens;
import io.herald.links.LinkTokens.Purpose;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The links Herald puts in emails, on real parts (Kafka, GreenMail, H2): RFC 8058's one-click unsubscribe in the
 * headers of optional types, the page behind it, and the click redirect. Open tracking is off, as by default.
 */
class EmailLinksIT extends HeraldIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static final Pattern TRACKED = Pattern.compile("href=\"[^\"]*(/c/[A-Za-z0-9_-]+)\\?u=([^\"]+)\"");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Autowired
    LinkTokens tokens;

    @Test
    void oneClickUnsubscribeStopsOptionalEmailWithoutRedirect() throws Exception {
        Customer customer = orderConfirmed("en");
        MimeMessage confirmation = mailsTo(customer.email()).get(0);
        assertThat(confirmation.getHeader("List-Unsubscribe-Post", null)).isEqualTo("List-Unsubscribe=One-Click");
        String unsubscribe = unsubscribePath(confirmation);

        int at = unsubscribe.length() - 10;
        String altered = unsubscribe.substring(0, at) + (unsubscribe.charAt(at) == 'A' ? 'B' : 'A')
                + unsubscribe.substring(at + 1);
        assertThat(postForm(altered, "List-Unsubscribe=One-Click").statusCode()).as("an altered token").isEqualTo(404);
        assertThat(postForm(unsubscribe, "List-Unsubscribe=Yes").statusCode()).as("another body").isEqualTo(400);
        assertThat(unsubscribes(customer.id())).isZero();

        HttpResponse<String> answer = postForm(unsubscribe, "List-Unsubscribe=One-Click");
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Location")).isEmpty();
        assertThat(answer.headers().firstValue("Set-Cookie")).isEmpty();
        assertThat(answer.body()).contains("You are unsubscribed", "/preferences/");
        assertThat(unsubscribes(customer.id())).isOne();

        String trackingNumber = trackingNumber("UNSUB");
        publishWms(trackingNumber, SamplePayloads.wmsShipped(customer.orderId(), trackingNumber, 60));
        await().atMost(WAIT).until(() -> decisionsOf(trackingNumber).size() == 1);
        post("/api/v1/intake/easypost", DecidePayloads.easypost(trackingNumber, null, List.of(
                Scan.of("in_transit", "weather_delay", "Severe weather in the area", DecidePayloads.minutesAgo(5)))));

        await().atMost(WAIT).until(() -> mailsTo(customer.email()).size() == 2);
        MimeMessage delay = mailsTo(customer.email()).get(1);
        assertThat(delay.getSubject()).isEqualTo("Your order " + customer.orderId() + " is delayed");
        assertThat(delay.getHeader("List-Unsubscribe")).as("a critical alert").isNull();
        assertThat(delay.getHeader("List-Unsubscribe-Post")).isNull();
        assertThat(decisionsOf(trackingNumber)).extracting(d -> d.get("TYPE"), d -> d.get("STATE")).containsExactly(
                org.assertj.core.groups.Tuple.tuple("shipped", "SUPPRESSED"),
                org.assertj.core.groups.Tuple.tuple("delayed", "DECIDED"));
    }

    @Test
    void multipartOneClickUnsubscribeStopsOptionalEmail() throws Exception {
        Customer customer = orderConfirmed("en");
        String unsubscribe = unsubscribePath(mailsTo(customer.email()).get(0));

        String boundary = "----herald-it-" + customer.id();
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"List-Unsubscribe\"\r\n\r\n"
                + "One-Click\r\n--" + boundary + "--\r\n";
        HttpResponse<String> answer = send(HttpRequest.newBuilder(uri(unsubscribe))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Location")).isEmpty();
        assertThat(unsubscribes(customer.id())).isOne();

        String trackingNumber = trackingNumber("MULTI");
        publishWms(trackingNumber, SamplePayloads.wmsShipped(customer.orderId(), trackingNumber, 60));
        await().atMost(WAIT).until(() -> decisionsOf(trackingNumber).size() == 1);
        assertThat(decisionsOf(trackingNumber).get(0)).containsEntry("STATE", "SUPPRESSED");
        assertThat(mailsTo(customer.email())).hasSize(1);
    }

    @Test
    void unsubscribePageUnsubscribesNothingByItself() throws Exception {
        Customer customer = orderConfirmed("es");
        String unsubscribe = unsubscribePath(mailsTo(customer.email()).get(0));

        HttpResponse<String> page = send(HttpRequest.newBuilder(uri(unsubscribe)).GET());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Set-Cookie")).isEmpty();
        assertThat(page.body()).contains("<html lang=\"es\"", "<form method=\"post\">",
                "name=\"List-Unsubscribe\" value=\"One-Click\"", "Darme de baja", "/preferences/");
        assertThat(send(HttpRequest.newBuilder(uri("/u/not-a-token")).GET()).statusCode()).isEqualTo(404);
        assertThat(unsubscribes(customer.id())).isZero();

        String trackingNumber = trackingNumber("GETONLY");
        publishWms(trackingNumber, SamplePayloads.wmsShipped(customer.orderId(), trackingNumber, 60));
        await().atMost(WAIT).until(() -> mailsTo(customer.email()).size() == 2);
        assertThat(mailsTo(customer.email()).get(1).getHeader("List-Unsubscribe")).hasSize(1);
    }

    @Test
    void clickRedirectRefusesForeignUrl() throws Exception {
        Customer customer = orderConfirmed("en");
        String trackingNumber = trackingNumber("CLICK");
        publishWms(trackingNumber, SamplePayloads.wmsShipped(customer.orderId(), trackingNumber, 60));
        await().atMost(WAIT).until(() -> mailsTo(customer.email()).size() == 2);
        String html = NotificationJourneyIT.parts(mailsTo(customer.email()).get(1)).get("text/html");
        Matcher link = TRACKED.matcher(html);
        assertThat(link.find()).as(html).isTrue();
        String path = link.group(1);
        String carrierPage = URLDecoder.decode(link.group(2), StandardCharsets.UTF_8);
        assertThat(carrierPage).isEqualTo("https://www.ups.com/track?tracknum=" + trackingNumber);
        String attempt = jdbc.queryForObject("SELECT id FROM notification WHERE tracking_number = ? "
                + "AND type = 'shipped' AND channel = 'email'", String.class, trackingNumber);

        for (String foreign : List.of("https://evil.example/phish", carrierPage + "&then=https://evil.example")) {
            HttpResponse<String> refused = send(HttpRequest.newBuilder(uri(path + "?u="
                    + java.net.URLEncoder.encode(foreign, StandardCharsets.UTF_8))).GET());
            assertThat(refused.statusCode()).as(foreign).isEqualTo(404);
            assertThat(refused.headers().firstValue("Location")).isEmpty();
        }
        assertThat(clicks(attempt)).isZero();

        HttpResponse<String> followed = send(HttpRequest.newBuilder(uri(path + "?u="
                + java.net.URLEncoder.encode(carrierPage, StandardCharsets.UTF_8))).GET());
        assertThat(followed.statusCode()).isEqualTo(302);
        assertThat(followed.headers().firstValue("Location")).contains(carrierPage);
        assertThat(clicks(attempt)).isOne();
    }

    @Test
    void openPixelIsOffByDefault() throws Exception {
        Customer customer = orderConfirmed("en");
        String html = NotificationJourneyIT.parts(mailsTo(customer.email()).get(0)).get("text/html");
        assertThat(html).contains("</body>").doesNotContain("/o/");
        String attempt = jdbc.queryForObject("SELECT id FROM notification WHERE order_id = ? AND channel = 'email'",
                String.class, customer.orderId());

        HttpResponse<String> pixel = send(HttpRequest.newBuilder(uri("/o/" + tokens.issue(Purpose.OPEN, attempt)
                + ".gif")).GET());
        assertThat(pixel.statusCode()).isEqualTo(404);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM email_engagement WHERE notification_id = ?",
                Integer.class, attempt)).isZero();
    }

    private record Customer(String id, String orderId, String email) {
    }

    /** A customer who takes email only, and the order confirmation (an optional type) they were sent. */
    private Customer orderConfirmed(String locale) {
        int n = SEQUENCE.incrementAndGet();
        Customer customer = new Customer("C-LINKS-" + n, "SO-LINKS-" + n, "links." + n + "@example.com");
        assertThat(post("/api/v1/intake/oms", SamplePayloads.omsOrder(customer.orderId(), customer.id(),
                customer.email(), "+49151123490" + String.format("%02d", n), locale, "email", 300)).statusCode())
                .isEqualTo(202);
        await().atMost(WAIT).until(() -> mailsTo(customer.email()).size() == 1);
        return customer;
    }

    /** The path of the mail's List-Unsubscribe link, {@code /u/<token>}. */
    private static String unsubscribePath(MimeMessage mail) throws Exception {
        String[] header = mail.getHeader("List-Unsubscribe");
        assertThat(header).as("an optional type's List-Unsubscribe").hasSize(1);
        Matcher url = Pattern.compile("^<https?://[^/]+(/u/[A-Za-z0-9_-]+)>$").matcher(header[0]);
        assertThat(url.matches()).as(header[0]).isTrue();
        return url.group(1);
    }

    private int unsubscribes(String customerId) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM email_unsubscribe WHERE customer_id = ? "
                + "AND source = 'one-click' AND resubscribed_at IS NULL", Integer.class, customerId);
    }

    private int clicks(String attempt) {
        return jdbc.queryForList("SELECT clicks FROM email_engagement WHERE notification_id = ?", Integer.class,
                attempt).stream().findFirst().orElse(0);
    }

    private HttpResponse<String> postForm(String path, String body) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
