package io.herald.render;

import static io.herald.render.RenderFixtures.with;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Herald's answers to inbound SMS (sms/&lt;locale&gt;/conversation/replies.txt.ftl) and the opt-out notice. */
class ConversationRepliesTest {

    private static final MessageRenderer RENDERER = RenderFixtures.renderer(with("herald.brand.name", "Mugs & Co",
            "herald.brand.support-email", "help@mugs.example"));

    private static final Map<String, Object> DELAYED = Map.of("orderId", "SO-7", "carrierName", "UPS",
            "trackingNumber", "1Z7", "status", "EXCEPTION", "exceptionReason", "CUSTOMS",
            "estimatedDelivery", "Dienstag, 3. März");

    @ParameterizedTest
    @ValueSource(strings = {"en", "es", "fr", "de"})
    void everyLanguageHasEveryAnswer(String locale) {
        for (String reply : List.of("help", "stopped", "started", "other", "opt_out_notice")) {
            assertThat(RENDERER.reply(reply, Map.of(), locale)).as(locale + " " + reply).isNotBlank();
        }
        assertThat(RENDERER.reply("status", Map.of("shipments", List.of(DELAYED)), locale)).contains("SO-7", "1Z7");
        assertThat(RENDERER.reply("status", Map.of("shipments", List.of()), locale)).contains("Mugs & Co");
    }

    @Test
    void statusAnswerUsesTheMessagesPhrasesInTheCustomersLanguage() {
        Map<String, Object> outForDelivery = Map.of("orderId", "SO-8", "carrierName", "DHL",
                "trackingNumber", "JJD8", "status", "OUT_FOR_DELIVERY");
        assertThat(RENDERER.reply("status", Map.of("shipments", List.of(DELAYED, outForDelivery)), "de-AT"))
                .isEqualTo("Bestellung SO-7 verspätet sich: Zollabfertigung. Voraussichtliche Zustellung: "
                        + "Dienstag, 3. März. UPS 1Z7.\n"
                        + "Bestellung SO-8 ist in Zustellung und kommt heute. DHL JJD8.");
    }

    @Test
    void helpGivesTheBrandsSupportContact() {
        assertThat(RENDERER.reply("help", Map.of(), "en")).startsWith("Mugs & Co: ")
                .endsWith("Questions? Contact us: help@mugs.example");
    }

    @Test
    void unknownLanguageAnswersInTheDefaultOne() {
        assertThat(RENDERER.reply("stopped", Map.of(), "ja")).startsWith("Mugs & Co: you will get no more SMS");
    }

    @Test
    void optOutNoticeEndsTheFirstSmsInItsLanguage() {
        MessageFacts confirmed = new MessageFacts("order_confirmed", "SO-9", "Ada", null, null, null, null, null,
                null, null, null, null, null, null, null, OffsetDateTime.parse("2026-03-01T09:30:00+01:00"));
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        assertThat(RENDERER.render(confirmed, "sms", "fr", berlin, true).text())
                .endsWith(" Répondez STOP pour vous désabonner.");
        assertThat(RENDERER.render(confirmed, "sms", "fr", berlin, false).text()).doesNotContain("STOP");
        assertThat(RENDERER.render(confirmed, "email", "fr", berlin, true).text()).doesNotContain("STOP");
    }

    @Test
    void dayIsWrittenAsTheMessagesWriteIt() {
        assertThat(RENDERER.day(OffsetDateTime.parse("2026-03-03T23:30:00Z"), "de", ZoneId.of("Europe/Berlin")))
                .isEqualTo("Mittwoch, 4. März");
    }
}
