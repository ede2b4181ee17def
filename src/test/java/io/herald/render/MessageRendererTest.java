package io.herald.render;

import static io.herald.render.RenderFixtures.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.herald.canonical.ExceptionReason;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class MessageRendererTest {

    static final List<String> TYPES = List.of("order_confirmed", "payment_issue", "order_cancelled", "shipped",
            "out_for_delivery", "available_for_pickup", "delivered", "returned", "attempt_failed", "delayed",
            "eta_changed", "stalled");
    static final Set<String> ORDER_TYPES = Set.of("order_confirmed", "payment_issue", "order_cancelled");
    static final Set<String> ETA_TYPES = Set.of("shipped", "delayed", "eta_changed", "stalled");
    static final List<String> LOCALES = List.of("en", "es", "fr", "de");

    /** Tuesday 3 March 2026, as each language writes it. */
    static final Map<String, String> ETA_TEXT = Map.of("en", "Tuesday, 3 March", "es", "martes, 3 de marzo",
            "fr", "mardi 3 mars", "de", "Dienstag, 3. März");

    static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    static final String LONG_CARRIER = "royal-mail-international-tracked";
    static final String SHOP_LINK = "https://track.example-shop.com/parcels/{carrier}/{trackingNumber}?utm_source=sms";

    static final MessageRenderer CARRIER_PAGES = RenderFixtures.renderer();
    static final MessageRenderer SHOP_PAGE = RenderFixtures.renderer(with("herald.brand.tracking-link", SHOP_LINK));

    /** The longest values a message may carry: a long carrier name and link, a long location outside GSM-7. */
    static MessageFacts worstCase(String type, String carrier) {
        boolean shipment = !ORDER_TYPES.contains(type);
        String number = "dhl-express".equals(carrier) ? "JJD000390007701234567" : "RR123456785GB";
        return new MessageFacts(type, "SO-2026-000123456", "Zoë Ångström-Núñez", new BigDecimal("1234.50"), "EUR",
                List.of(Map.of("sku", "MUG-01", "name", "Émail mug “Forêt”", "quantity", 2)),
                shipment ? carrier : null, shipment ? number : null, "IN_TRANSIT",
                shipment ? "Held at the facility – awaiting the next available transport…" : null,
                shipment ? "Centre de tri international de Roissy-Charles-de-Gaulle, Île-de-France, FR" : null,
                shipment ? OffsetDateTime.parse("2026-03-03T18:00:00+01:00") : null,
                "eta_changed".equals(type) ? OffsetDateTime.parse("2026-03-05T12:00:00+01:00") : null,
                "delayed".equals(type) ? "CUSTOMS" : "attempt_failed".equals(type) ? "ADDRESS" : null,
                "available_for_pickup".equals(type)
                        ? "Point Relais Tabac de l'Église, 12 rue du Général-de-Gaulle, Saint-Rémy" : null,
                OffsetDateTime.parse("2026-03-01T09:30:00+01:00"));
    }

    static Stream<Arguments> everyTypeChannelAndLocale() {
        List<Arguments> all = new ArrayList<>();
        for (String type : TYPES) {
            for (String channel : List.of("email", "sms")) {
                for (String locale : LOCALES) {
                    for (String carrier : List.of("dhl-express", LONG_CARRIER)) {
                        all.add(Arguments.of(type, channel, locale, carrier));
                    }
                }
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} {1} {2} {3}")
    @MethodSource("everyTypeChannelAndLocale")
    void everyTypeRendersInEveryLocaleAndChannel(String type, String channel, String locale, String carrier) {
        MessageRenderer renderer = LONG_CARRIER.equals(carrier) ? SHOP_PAGE : CARRIER_PAGES;
        MessageFacts facts = worstCase(type, carrier);
        RenderedMessage message = renderer.render(facts, channel, locale, PARIS);

        assertThat(message.locale()).isEqualTo(locale);
        assertThat(message.text()).isNotBlank();
        if (!"en".equals(locale)) {
            RenderedMessage english = renderer.render(facts, channel, "en", PARIS);
            assertThat(message.text()).isNotEqualTo(english.text());
            if ("email".equals(channel)) {
                assertThat(message.subject()).isNotEqualTo(english.subject());
                assertThat(message.html()).isNotEqualTo(english.html());
            }
        }
        assertThat(message.text()).contains(facts.orderId());
        if (facts.trackingNumber() != null) {
            String link = LONG_CARRIER.equals(carrier)
                    ? "https://track.example-shop.com/parcels/" + LONG_CARRIER + "/RR123456785GB?utm_source=sms"
                    : "https://www.dhl.com/global-en/home/tracking/tracking-parcel.html?submit=1&tracking-id="
                    + "JJD000390007701234567";
            String carrierName = LONG_CARRIER.equals(carrier) ? "ROYAL-MAIL-INTERNATIONAL-TRACKED" : "DHL Express";
            assertThat(message.text()).contains(facts.trackingNumber(), link, carrierName);
            if ("email".equals(channel)) {
                assertThat(message.html()).contains(facts.trackingNumber(), link.replace("&", "&amp;"));
            }
        }
        if (ETA_TYPES.contains(type)) {
            assertThat(message.text()).contains(ETA_TEXT.get(locale));
        }
        if ("sms".equals(channel)) {
            assertThat(message.subject()).isNull();
            assertThat(message.segments()).isBetween(1, 2);
            assertThat(SmsSegments.of(message.text()))
                    .isEqualTo(new SmsSegments(message.encoding(), SmsSegments.of(message.text()).units(),
                            message.segments()));
        } else {
            assertThat(message.subject()).contains(facts.orderId());
            assertThat(message.html()).startsWith("<!doctype html>");
            assertThat(message.encoding()).isNull();
            assertThat(message.segments()).isZero();
        }
    }

    /** Each way of leaving out a value a type needs. */
    static Stream<Arguments> requiredValues() {
        List<Arguments> all = new ArrayList<>();
        for (String type : TYPES) {
            for (String channel : List.of("email", "sms")) {
                for (String locale : LOCALES) {
                    all.add(Arguments.of(type, channel, locale, "orderId"));
                    if (!ORDER_TYPES.contains(type)) {
                        all.add(Arguments.of(type, channel, locale, "trackingNumber"));
                        all.add(Arguments.of(type, channel, locale, "carrier"));
                    }
                    if ("eta_changed".equals(type)) {
                        all.add(Arguments.of(type, channel, locale, "estimatedDelivery"));
                        all.add(Arguments.of(type, channel, locale, "previousEstimatedDelivery"));
                    }
                }
            }
        }
        return all.stream();
    }

    /**
     * A carrier's pickup notice need not name the place (the canonical event's location is optional): the critical
     * alert still goes, telling the customer their parcel waits, with its tracking, rather than failing to render and
     * going by no channel.
     */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("channelsAndLocales")
    void aPickupNoticeWithoutItsPlaceStillTellsTheCustomer(String channel, String locale) {
        MessageFacts facts = without(PreviewSamples.of("available_for_pickup"), "pickupLocation");

        RenderedMessage message = CARRIER_PAGES.render(facts, channel, locale, PARIS);

        assertThat(message.text()).contains(facts.trackingNumber()).doesNotContain("null");
    }

    /** A push says what the SMS says, the tracking page's link included, not the carrier's page instead. */
    @Test
    void aPushLinksTheTrackingPageAsItsSmsDoes() {
        MessageFacts facts = PreviewSamples.of("shipped");
        Map<String, String> links = Map.of("track", "https://herald.example.com/t/tok3n");

        RenderedMessage push = CARRIER_PAGES.render(facts, "push", "en", PARIS, links);
        RenderedMessage sms = CARRIER_PAGES.render(facts, "sms", "en", PARIS, links);

        assertThat(sms.text()).contains("https://herald.example.com/t/tok3n");
        assertThat(push.text()).contains("https://herald.example.com/t/tok3n");
    }

    static Stream<Arguments> channelsAndLocales() {
        return Stream.of("email", "sms").flatMap(channel -> LOCALES.stream().map(l -> Arguments.of(channel, l)));
    }

    @ParameterizedTest(name = "{0} {1} {2} without {3}")
    @MethodSource("requiredValues")
    void missingRequiredValueFailsTheRender(String type, String channel, String locale, String missing) {
        MessageFacts facts = without(PreviewSamples.of(type), missing);
        assertThatThrownBy(() -> CARRIER_PAGES.render(facts, channel, locale, PARIS))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("evaluated to null or missing");
    }

    @ParameterizedTest
    @ValueSource(strings = {"en", "es", "fr", "de"})
    void sampleWithoutOptionalValuesStillRenders(String locale) {
        for (String type : TYPES) {
            MessageFacts sample = PreviewSamples.of(type);
            MessageFacts bare = new MessageFacts(type, sample.orderId(), null, null, null, null, sample.carrier(),
                    sample.trackingNumber(), null, null, null, "eta_changed".equals(type)
                    ? sample.estimatedDelivery() : null, sample.previousEstimatedDelivery(), null,
                    sample.pickupLocation(), null);
            for (String channel : List.of("email", "sms")) {
                assertThat(CARRIER_PAGES.render(bare, channel, locale, PARIS).text()).as(type + " " + channel)
                        .contains(sample.orderId());
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"en", "es", "fr", "de"})
    void delayedWordingIsSpecificToEachReasonAndGivesTheNewEta(String locale) {
        Set<String> emails = new HashSet<>();
        Set<String> sms = new HashSet<>();
        for (ExceptionReason reason : ExceptionReason.values()) {
            MessageFacts facts = withReason(PreviewSamples.of("delayed"), reason.name());
            emails.add(CARRIER_PAGES.render(facts, "email", locale, PARIS).text());
            String text = CARRIER_PAGES.render(facts, "sms", locale, PARIS).text();
            assertThat(text).contains(ETA_TEXT.get(locale));
            sms.add(text);
        }
        assertThat(emails).hasSize(ExceptionReason.values().length);
        assertThat(sms).hasSize(ExceptionReason.values().length);
    }

    @Test
    void delayWithoutAReasonReadsAsAnOtherProblemAndWithoutEtaPromisesNews() {
        MessageFacts sample = PreviewSamples.of("delayed");
        MessageFacts bare = new MessageFacts("delayed", "SO-1", null, null, null, null, "ups", "1Z1", "EXCEPTION",
                null, null, null, null, null, null, sample.occurredAt());
        String text = CARRIER_PAGES.render(bare, "email", "en", PARIS).text();
        assertThat(text).contains("The carrier reported a problem with the delivery.",
                "We will let you know as soon as there is a new delivery date.");
        assertThat(CARRIER_PAGES.render(sample, "email", "en", PARIS).text())
                .contains("Bad weather is slowing down deliveries", "The new expected delivery date is Tuesday, 3 March.");
    }

    @Test
    void attemptFailedGivesTheReasonWhenKnown() {
        MessageFacts sample = PreviewSamples.of("attempt_failed");
        assertThat(CARRIER_PAGES.render(sample, "sms", "en", PARIS).text())
                .startsWith("Delivery attempt for order SO-1001 failed: nobody was available to receive it.");
        assertThat(CARRIER_PAGES.render(withReason(sample, null), "sms", "en", PARIS).text())
                .startsWith("Delivery attempt for order SO-1001 failed. UPS tracking");
    }

    @Test
    void etaChangedSaysWhetherTheParcelComesEarlierOrLater() {
        MessageFacts later = PreviewSamples.of("eta_changed");
        MessageFacts earlier = new MessageFacts("eta_changed", later.orderId(), null, null, null, null,
                later.carrier(), later.trackingNumber(), null, null, null, later.previousEstimatedDelivery(),
                later.estimatedDelivery(), null, null, later.occurredAt());
        assertThat(CARRIER_PAGES.render(later, "sms", "en", PARIS).text())
                .contains("now arrives later than expected: Tuesday, 3 March (was Monday, 2 March)");
        assertThat(CARRIER_PAGES.render(earlier, "sms", "en", PARIS).text())
                .contains("now arrives earlier than expected: Monday, 2 March (was Tuesday, 3 March)");
        assertThat(CARRIER_PAGES.render(later, "email", "de", PARIS).text()).contains("kommt später als erwartet");
        assertThat(CARRIER_PAGES.render(earlier, "email", "fr", PARIS).text()).contains("arrivera plus tôt que prévu");
    }

    @Test
    void pickupMessageNamesThePickupLocation() {
        MessageFacts sample = PreviewSamples.of("available_for_pickup");
        assertThat(CARRIER_PAGES.render(sample, "sms", "es", PARIS).text())
                .contains("Pedido SO-1001 listo para recoger en UPS Access Point, Hainstraße 12, 04109 Leipzig");
    }

    @Test
    void datesAreInTheRecipientsZone() {
        // 18:00 in Berlin is already the next day in Tokyo
        MessageFacts sample = PreviewSamples.of("shipped");
        assertThat(CARRIER_PAGES.render(sample, "sms", "en", ZoneId.of("Asia/Tokyo")).text())
                .contains("Expected: Wednesday, 4 March.");
    }

    @Test
    void localeFallsBackToItsLanguageThenToTheDefault() {
        MessageFacts sample = PreviewSamples.of("shipped");
        assertThat(CARRIER_PAGES.render(sample, "email", "fr-CA", PARIS).locale()).isEqualTo("fr");
        assertThat(CARRIER_PAGES.render(sample, "email", "pt-BR", PARIS).locale()).isEqualTo("en");
        assertThat(CARRIER_PAGES.render(sample, "sms", null, PARIS).locale()).isEqualTo("en");
        MessageRenderer german = RenderFixtures.renderer(with("herald.notifications.default-locale", "de"));
        assertThat(german.render(sample, "sms", "pt-BR", PARIS).text()).startsWith("Bestellung SO-1001 mit UPS");
    }

    @Test
    void customersOwnRegionShapesDatesAndAmounts() {
        MessageFacts sample = PreviewSamples.of("shipped");
        assertThat(CARRIER_PAGES.render(sample, "sms", "en-US", PARIS).text()).contains("Tuesday, March 3");
        MessageFacts order = PreviewSamples.of("order_confirmed");
        assertThat(CARRIER_PAGES.render(order, "email", "de", PARIS).text()).contains("Summe: 42,50\u00A0€");
        assertThat(CARRIER_PAGES.render(order, "email", "en", PARIS).text()).contains("Total: €42.50");
        // the formats are kept by language and currency once built: the same again, and another currency its own
        assertThat(CARRIER_PAGES.render(order, "email", "de", PARIS).text()).contains("Summe: 42,50\u00A0€");
        assertThat(CARRIER_PAGES.render(inCurrency(order, "USD"), "email", "en", PARIS).text())
                .contains("Total: $42.50");
        assertThat(CARRIER_PAGES.render(inCurrency(order, "USD"), "email", "de", PARIS).text())
                .contains("Summe: 42,50\u00A0$");
        assertThat(CARRIER_PAGES.render(inCurrency(order, "XBT"), "email", "en", PARIS).text())
                .as("a currency ISO 4217 does not know").contains("Total: 42.50 XBT");
    }

    private static MessageFacts inCurrency(MessageFacts f, String currency) {
        return new MessageFacts(f.type(), f.orderId(), f.customerName(), f.orderTotal(), currency, f.items(),
                f.carrier(), f.trackingNumber(), f.status(), f.statusText(), f.location(), f.estimatedDelivery(),
                f.previousEstimatedDelivery(), f.exceptionReason(), f.pickupLocation(), f.occurredAt());
    }

    @Test
    void englishWordingOfTheFirstFourTypesIsKept() {
        assertThat(CARRIER_PAGES.render(PreviewSamples.of("shipped"), "sms", "en", PARIS).text())
                .startsWith("Order SO-1001 shipped with UPS, tracking 1Z999AA10123456784.");
        assertThat(CARRIER_PAGES.render(PreviewSamples.of("order_confirmed"), "sms", "en", PARIS).text())
                .isEqualTo("Order SO-1001 confirmed. We'll text you when it ships.");
        RenderedMessage delivered = CARRIER_PAGES.render(PreviewSamples.of("delivered"), "email", "en", PARIS);
        assertThat(delivered.subject()).isEqualTo("Your order SO-1001 was delivered");
        assertThat(delivered.html()).contains("<strong>SO-1001</strong>", "UPS 1Z999AA10123456784");
    }

    @Test
    void emailLayoutShowsTheBrandsLogoColourAndSupportContact() {
        MessageRenderer branded = RenderFixtures.renderer(with("herald.brand.name", "Tea & Mugs",
                "herald.brand.logo-url", "https://cdn.example/logo.png", "herald.brand.colour", "#0b7a3e",
                "herald.brand.support-email", "help@tea.example", "herald.brand.support-phone", "+49 30 1234567"));
        RenderedMessage message = branded.render(PreviewSamples.of("shipped"), "email", "en", PARIS);
        assertThat(message.html()).contains("src=\"https://cdn.example/logo.png\"", "alt=\"Tea &amp; Mugs\"",
                "#0b7a3e", "mailto:help@tea.example", "+49 30 1234567");
        assertThat(message.text()).contains("Questions? Contact us: help@tea.example +49 30 1234567", "Tea & Mugs");
    }

    @ParameterizedTest
    @ValueSource(strings = {"en", "es", "fr", "de"})
    void pushTitleIsTheEmailSubjectAndItsBodyTheSmsTextWithNothingDropped(String locale) {
        MessageFacts facts = worstCase("delayed", LONG_CARRIER);

        RenderedMessage push = SHOP_PAGE.render(facts, "push", locale + "-CH", PARIS);
        RenderedMessage email = SHOP_PAGE.render(facts, "email", locale + "-CH", PARIS);

        assertThat(push.locale()).isEqualTo(locale);
        assertThat(push.subject()).isEqualTo(email.subject());
        assertThat(push.text()).contains(facts.orderId(), ETA_TEXT.get(locale), facts.location(), facts.statusText())
                .doesNotContain("\uE000", "\uE001", "\uE002");
        assertThat(push.html()).isNull();
        assertThat(push.segments()).isZero();
        assertThat(SHOP_PAGE.render(facts, "sms", locale, PARIS).text()).as("the SMS had to drop parts")
                .doesNotContain(facts.location());
    }

    @Test
    void unknownTypeOrChannelIsNotSupported() {
        assertThat(CARRIER_PAGES.supports("sms", "shipped")).isTrue();
        assertThat(CARRIER_PAGES.supports("push", "shipped")).isTrue();
        assertThat(CARRIER_PAGES.supports("fax", "shipped")).isFalse();
        assertThat(CARRIER_PAGES.supports("push", "lottery_won")).isFalse();
        assertThat(CARRIER_PAGES.supports("email", "lottery_won")).isFalse();
        assertThat(CARRIER_PAGES.supports("email", "../layout")).isFalse();
        assertThatThrownBy(() -> CARRIER_PAGES.render(PreviewSamples.of("lottery_won"), "email", "en", PARIS))
                .isInstanceOf(IllegalStateException.class);
    }

    private static MessageFacts withReason(MessageFacts f, String reason) {
        return new MessageFacts(f.type(), f.orderId(), f.customerName(), f.orderTotal(), f.currency(), f.items(),
                f.carrier(), f.trackingNumber(), f.status(), f.statusText(), f.location(), f.estimatedDelivery(),
                f.previousEstimatedDelivery(), reason, f.pickupLocation(), f.occurredAt());
    }

    private static MessageFacts without(MessageFacts f, String field) {
        UnaryOperator<Object> keep = value -> value;
        return new MessageFacts(f.type(),
                "orderId".equals(field) ? null : f.orderId(), f.customerName(), f.orderTotal(), f.currency(),
                f.items(),
                "carrier".equals(field) ? null : f.carrier(),
                "trackingNumber".equals(field) ? null : f.trackingNumber(),
                f.status(), f.statusText(), f.location(),
                "estimatedDelivery".equals(field) ? null : f.estimatedDelivery(),
                "previousEstimatedDelivery".equals(field) ? null : f.previousEstimatedDelivery(),
                f.exceptionReason(),
                "pickupLocation".equals(field) ? null : f.pickupLocation(),
                (OffsetDateTime) keep.apply(f.occurredAt()));
    }
}
