package io.herald.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.herald.customer.PageLinks;
import io.herald.links.LinkTokens;
import org.springframework.mock.env.MockEnvironment;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class PushMessagesTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-03T10:00:00Z"), ZoneOffset.UTC);
    private static final LinkTokens LINKS = new LinkTokens("link-secret".getBytes(StandardCharsets.UTF_8),
            Duration.ofDays(120), CLOCK);

    private static PushMessages messages(String publicBaseUrl) {
        return new PushMessages(null, new PageLinks(LINKS, publicBaseUrl, new MockEnvironment()), new ObjectMapper());
    }

    @Test
    void deepLinkOpensTheOrdersTrackingPageUnderThePublicBaseUrl() {
        String link = messages("https://herald.example.com/").deepLink("SO-77");

        assertThat(link).startsWith("https://herald.example.com/track/");
        String token = link.substring("https://herald.example.com/track/".length());
        assertThat(LINKS.verify(LinkTokens.Purpose.TRACK, token)).hasValueSatisfying(claims ->
                assertThat(claims.subject()).isEqualTo("SO-77"));
    }

    @Test
    void noDeepLinkWithoutAnOrder() {
        assertThat(messages("https://herald.example.com").deepLink(null)).isNull();
        assertThat(messages("https://herald.example.com").deepLink(" ")).isNull();
    }

    @Test
    void aUrlWithoutASecretStopsTheStart() {
        assertThatThrownBy(() -> new PushSettings("https://app.example/push", " "))
                .hasMessageContaining("HERALD_PUSH_SECRET");
        assertThatThrownBy(() -> new PushSettings("app.example/push", "s")).hasMessageContaining("absolute");
        assertThat(new PushSettings("", null).enabled()).isFalse();
        assertThat(new PushSettings("https://app.example/push", "s").toString()).doesNotContain("=s]");
    }
}
