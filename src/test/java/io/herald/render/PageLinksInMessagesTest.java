package io.herald.render;

import static io.herald.render.MessageRendererTest.LOCALES;
import static io.herald.render.MessageRendererTest.ORDER_TYPES;
import static io.herald.render.MessageRendererTest.PARIS;
import static io.herald.render.PreviewSamples.TYPES;
import static org.assertj.core.api.Assertions.assertThat;

import io.herald.customer.PageLinks;
import io.herald.links.LinkTokens;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.mock.env.MockEnvironment;

/** The links of the customer's pages in the messages (docs/pages.md, "Links and tokens"). */
class PageLinksInMessagesTest {

    /** Links as long as production's: a public address with a path, tokens of a long order id and customer id. */
    static final Map<String, String> LINKS = new PageLinks(new LinkTokens(
            "page-links-test".getBytes(StandardCharsets.UTF_8), Duration.ofDays(120), Clock.systemUTC()),
            "https://notifications.example-shop.com/herald", new MockEnvironment())
            .forMessage("SO-2026-000123456", "CUSTOMER-000000123456");

    static Stream<Arguments> everyTypeAndLocale() {
        List<Arguments> all = new ArrayList<>();
        for (String type : TYPES) {
            for (String locale : LOCALES) {
                all.add(Arguments.of(type, locale));
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("everyTypeAndLocale")
    void everyEmailLinksToTheTrackingAndPreferencePages(String type, String locale) {
        RenderedMessage email = MessageRendererTest.SHOP_PAGE.render(MessageRendererTest.worstCase(type,
                MessageRendererTest.LONG_CARRIER), "email", locale, PARIS, LINKS);
        assertThat(email.text()).contains(LINKS.get("track"), LINKS.get("preferences"));
        assertThat(email.html()).contains("href=\"" + LINKS.get("track") + "\"",
                "href=\"" + LINKS.get("preferences") + "\"");
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("everyTypeAndLocale")
    void everyShipmentSmsLinksToTheTrackingPage(String type, String locale) {
        RenderedMessage sms = MessageRendererTest.SHOP_PAGE.render(PreviewSamples.of(type), "sms", locale, PARIS,
                LINKS);
        assertThat(sms.segments()).isLessThanOrEqualTo(2);
        if (ORDER_TYPES.contains(type)) {
            assertThat(sms.text()).doesNotContain("/track/");
        } else {
            assertThat(sms.text()).contains(LINKS.get("track")).doesNotContain("example-shop.com/parcels");
        }
        assertThat(sms.text()).doesNotContain("/preferences/");
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("everyTypeAndLocale")
    void smsThatTheTrackingPageLinkWouldPushOverItsSegmentsLinksToTheCarrierInstead(String type, String locale) {
        RenderedMessage sms = MessageRendererTest.SHOP_PAGE.render(MessageRendererTest.worstCase(type,
                MessageRendererTest.LONG_CARRIER), "sms", locale, PARIS, LINKS);
        assertThat(sms.segments()).isLessThanOrEqualTo(2);
        if (!ORDER_TYPES.contains(type)) {
            assertThat(sms.text()).containsAnyOf(LINKS.get("track"), "example-shop.com/parcels");
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("everyTypeAndLocale")
    void messagesWithoutLinksStayAsTheyWere(String type, String locale) {
        RenderedMessage email = MessageRendererTest.CARRIER_PAGES.render(MessageRendererTest.worstCase(type,
                "dhl-express"), "email", locale, PARIS);
        assertThat(email.text()).doesNotContain("/track/", "/preferences/");
    }
}
