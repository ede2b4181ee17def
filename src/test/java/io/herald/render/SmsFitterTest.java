package io.herald.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SmsFitterTest {

    private static final String LINK = "https://www.dhl.com/global-en/home/tracking/tracking-parcel.html?submit=1"
            + "&tracking-id=JJD000390007701234567";

    private static SmsFitter fitter(int maxSegments, boolean smart, boolean accents) {
        return new SmsFitter(new SmsProperties(maxSegments, new SmsProperties.SmartEncoding(smart, accents)));
    }

    private static String optional(int drop, String text) {
        return "" + SmsFitter.START + drop + SmsFitter.BODY + text + SmsFitter.END;
    }

    @Test
    void textThatFitsKeepsEveryOptionalPart() {
        String marked = "Order SO-1 shipped." + optional(1, " Latest location: Leipzig.") + " Track: " + LINK;
        SmsFitter.Fitted fitted = fitter(2, true, false).fit(marked);
        assertThat(fitted.text()).isEqualTo("Order SO-1 shipped. Latest location: Leipzig. Track: " + LINK);
        assertThat(fitted.length().segments()).isEqualTo(1);
    }

    @Test
    void tooLongTextLosesTheLocationFirstThenTheStatusText() {
        String marked = "Order SO-1 is delayed." + optional(1, " Latest location: " + "Leipzig ".repeat(25) + ".")
                + optional(2, " Status: held at the depot.") + " Track: " + LINK;
        assertThat(fitter(2, true, false).fit(marked).text())
                .isEqualTo("Order SO-1 is delayed. Status: held at the depot. Track: " + LINK);
        assertThat(fitter(2, true, false).fit(marked + optional(2, " " + "x".repeat(150))).text())
                .isEqualTo("Order SO-1 is delayed. Track: " + LINK);
    }

    @Test
    void droppingALocationOutsideGsmBringsTheTextBackToGsm() {
        String marked = "Order SO-1 shipped." + optional(1, " Latest location: Île-de-France.") + " Track: " + LINK;
        SmsFitter.Fitted fitted = fitter(1, true, false).fit(marked);
        assertThat(fitted.text()).isEqualTo("Order SO-1 shipped. Track: " + LINK);
        assertThat(fitted.length()).isEqualTo(new SmsSegments("GSM-7", fitted.text().length(), 1));
    }

    @Test
    void smartEncodingReplacesTypographicPunctuationButKeepsAccentsByDefault() {
        SmsFitter.Fitted fitted = fitter(2, true, false).fit("“Ready” – it’s here… at 10\u202F€. Envío rápido");
        assertThat(fitted.text()).isEqualTo("\"Ready\" - it's here... at 10 €. Envío rápido");
        assertThat(fitted.length().encoding()).isEqualTo("UCS-2");
    }

    @Test
    void smartEncodingOffKeepsCurlyQuotes() {
        assertThat(fitter(2, false, false).fit("it’s here").text()).isEqualTo("it’s here");
    }

    @Test
    void accentsOptionReplacesLettersOutsideGsmWithTheirBaseLetter() {
        SmsFitter.Fitted fitted = fitter(2, true, true).fit("Envío rápido: garçon, forêt, Noël, où, Ärger, Œuvre");
        assertThat(fitted.text()).isEqualTo("Envio rapido: garcon, foret, Noel, où, Ärger, OEuvre");
        assertThat(fitted.length().encoding()).isEqualTo("GSM-7");
    }

    @Test
    void requiredPartsThatFitOnlyAsGsmLoseTheirAccentsRatherThanTheLink() {
        // é is in GSM-7, ê and ç are not
        String marked = "La commande SO-1 a été expédiée avec DHL Express, suivi JJD000390007701234567, reçue à la "
                + "forêt. Livraison prévue : mardi 3 mars. Suivi du colis : " + LINK;
        SmsFitter.Fitted fitted = fitter(2, true, false).fit(marked);
        assertThat(fitted.text()).contains(LINK, "été expédiée", "recue", "foret", "prévue");
        assertThat(fitted.length().encoding()).isEqualTo("GSM-7");
        assertThat(fitted.length().segments()).isLessThanOrEqualTo(2);
    }

    @Test
    void requiredPartsLongerThanTheBudgetFailTheRenderInsteadOfBeingCut() {
        String marked = "word ".repeat(40) + LINK;
        assertThatThrownBy(() -> fitter(1, true, false).fit(marked + optional(1, " extra")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("herald.sms.max-segments is 1");
    }

    @Test
    void unmarkedKeepsEveryPartAndTheLineBreaks() {
        assertThat(SmsFitter.unmarked("A\n" + optional(1, "B\n") + "C")).isEqualTo("A\nB\nC");
    }

    @Test
    void aBudgetPastTwilios1600CharactersOrOfNoSegmentDoesNotStart() {
        for (int segments : new int[] {0, 11}) {
            assertThatThrownBy(() -> new SmsProperties(segments, new SmsProperties.SmartEncoding(true, false)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must be 1 to 10");
        }
    }
}
