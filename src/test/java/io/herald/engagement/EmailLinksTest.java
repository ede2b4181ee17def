package io.herald.engagement;

import static org.assertj.core.api.Assertions.assertThat;

import io.herald.links.LinkTokens;
import io.herald.links.LinkTokens.Purpose;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class EmailLinksTest {

    private static final String BASE = "https://herald.example.com";
    private static final String ATTEMPT = "5f0c7a52-8a0e-4c59-9d1e-0a4b8a1f2c3d";
    private static final String CARRIER = "https://www.dhl.com/global-en/home/tracking/tracking-parcel.html?submit=1&tracking-id=JD0142";
    private static final String HTML = """
            <html><body><p><a href="https://www.dhl.com/global-en/home/tracking/tracking-parcel.html?submit=1&amp;tracking-id=JD0142" style="x">Track</a></p>
            <p><a href="mailto:help@shop.example">help@shop.example</a></p>
            <img src="https://shop.example/logo.png" alt="Shop">
            </body></html>""";
    private static final Pattern TRACKED = Pattern.compile("href=\"" + Pattern.quote(BASE) + "/c/([A-Za-z0-9_-]+)\\?u=([^\"]+)\"");

    private final LinkTokens tokens = new LinkTokens("links-test-secret".getBytes(StandardCharsets.UTF_8),
            Duration.ofDays(120), Clock.fixed(Instant.parse("2026-11-29T10:00:00Z"), ZoneOffset.UTC));

    private EmailLinks links(boolean opens, boolean clicks) {
        return new EmailLinks(tokens, BASE + "/", opens, clicks);
    }

    @Test
    void optionalTypesOfAKnownCustomerCarryTheUnsubscribeLinkAndCriticalAlertsDoNot() {
        EmailLinks links = links(false, true);

        assertThat(links.unsubscribeUrl("shipped", "C-1")).hasValueSatisfying(url -> {
            assertThat(url).startsWith(BASE + "/u/");
            assertThat(links.unsubscribingCustomer(url.substring((BASE + "/u/").length()))).contains("C-1");
        });
        assertThat(links.unsubscribeUrl("delayed", "C-1")).isEmpty();
        assertThat(links.unsubscribeUrl("payment_issue", "C-1")).isEmpty();
        assertThat(links.unsubscribeUrl("shipped", null)).isEmpty();
        assertThat(links.unsubscribeUrl("no_such_type", "C-1")).isEmpty();
    }

    @Test
    void trackedLinkRedirectsOnlyToTheUrlHeraldPutInTheMessage() {
        EmailLinks links = links(false, true);
        String html = links.tracked(ATTEMPT, HTML);

        List<String[]> tracked = tracked(html);
        assertThat(tracked).hasSize(1);
        String token = tracked.get(0)[0];
        String url = tracked.get(0)[1];
        assertThat(url).as("the unescaped link of the message").isEqualTo(CARRIER);
        assertThat(links.clickedAttempt(token, url)).contains(ATTEMPT);

        assertThat(links.clickedAttempt(token, "https://evil.example/")).as("a foreign URL").isEmpty();
        assertThat(links.clickedAttempt(token, CARRIER + "x")).as("an altered URL").isEmpty();
        assertThat(links.clickedAttempt(token, null)).isEmpty();
        String altered = token.substring(0, 10) + (token.charAt(10) == 'A' ? 'B' : 'A') + token.substring(11);
        assertThat(links.clickedAttempt(altered, url)).as("an altered token").isEmpty();
        assertThat(links.clickedAttempt(tokens.issue(Purpose.OPEN, ATTEMPT + "#" + EmailLinks.hash(url)), url))
                .as("a token of another purpose").isEmpty();
    }

    @Test
    void mailtoLinksImagesAndUnsubscribeLinksAreNotRewritten() {
        EmailLinks links = links(false, true);
        String unsubscribe = links.unsubscribeUrl("shipped", "C-1").orElseThrow();
        String html = links.tracked(ATTEMPT, HTML.replace("</body>", "<a href=\"" + unsubscribe + "\">u</a></body>"));

        assertThat(html).contains("href=\"mailto:help@shop.example\"", "src=\"https://shop.example/logo.png\"",
                "href=\"" + unsubscribe + "\"");
        assertThat(tracked(html)).hasSize(1);
    }

    @Test
    void clickTrackingOffLeavesTheLinksAsTheyAre() {
        assertThat(links(false, false).tracked(ATTEMPT, HTML)).isEqualTo(HTML);
    }

    @Test
    void openPixelIsOffByDefaultAndOpensOnlyWhenTrackingIsOn() {
        EmailLinks off = links(false, true);
        assertThat(off.tracked(ATTEMPT, HTML)).doesNotContain("/o/");
        assertThat(off.openedAttempt(tokens.issue(Purpose.OPEN, ATTEMPT))).isEmpty();

        EmailLinks on = links(true, true);
        String html = on.tracked(ATTEMPT, HTML);
        Matcher pixel = Pattern.compile("<img src=\"" + Pattern.quote(BASE) + "/o/([A-Za-z0-9_-]+)\\.gif\" width=\"1\" "
                + "height=\"1\"[^>]*></body>").matcher(html);
        assertThat(pixel.find()).as(html).isTrue();
        assertThat(on.openedAttempt(pixel.group(1))).contains(ATTEMPT);
        assertThat(on.openedAttempt(tokens.issue(Purpose.CLICK, ATTEMPT))).isEmpty();
    }

    /** The token and the decoded URL of each tracked link. */
    private static List<String[]> tracked(String html) {
        List<String[]> found = new ArrayList<>();
        Matcher link = TRACKED.matcher(html);
        while (link.find()) {
            found.add(new String[] {link.group(1), URLDecoder.decode(link.group(2), StandardCharsets.UTF_8)});
        }
        return found;
    }
}
