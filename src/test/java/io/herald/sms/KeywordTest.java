package io.herald.sms;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KeywordTest {

    @ParameterizedTest
    @ValueSource(strings = {"STOP", "stop", " Stop \n", "STOPALL", "unsubscribe", "Cancel", "END", "quit", "REVOKE",
            "optout"})
    void everyDefaultOptOutWordStops(String body) {
        assertThat(Keyword.of(body)).isEqualTo(Keyword.OPT_OUT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"STOPP", "Stopp", "ARRET", "arrêt", "Arrêt", "BAJA", "baja"})
    void theWordForStopInTheTemplatesOtherLanguagesStopsToo(String body) {
        assertThat(Keyword.of(body)).isEqualTo(Keyword.OPT_OUT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"START", "yes", " Unstop "})
    void onlyStartYesAndUnstopOptIn(String body) {
        assertThat(Keyword.of(body)).isEqualTo(Keyword.OPT_IN);
    }

    @ParameterizedTest
    @ValueSource(strings = {"HELP", "info", "Ayuda", "aide", "HILFE"})
    void helpAndInfoAndTheWordForHelpInTheTemplatesOtherLanguagesAskForHelp(String body) {
        assertThat(Keyword.of(body)).isEqualTo(Keyword.HELP);
    }

    @ParameterizedTest
    @ValueSource(strings = {"STATUS", "where", "Estado", "dónde", "DONDE", "statut", "où", "OU", "Stand", "wo"})
    void statusWordsOfEveryTemplateLanguageAskForTheStatus(String body) {
        assertThat(Keyword.of(body)).isEqualTo(Keyword.STATUS);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "please stop", "STOP!", "STOP STOP", "stopp bitte", "where is my order", "hi"})
    void anythingButExactlyOneKeywordIsOther(String body) {
        assertThat(Keyword.of(body)).isEqualTo(Keyword.OTHER);
    }

    @Test
    void noBodyIsOther() {
        assertThat(Keyword.of(null)).isEqualTo(Keyword.OTHER);
    }

    @Test
    void twilioAnswersOnlyItsOwnKeywords() {
        for (String own : new String[] {"stop", "STOPALL", "start", "help", "Info"}) {
            assertThat(Keyword.of(own).answeredByTwilio(own)).as(own).isTrue();
        }
        for (String notTwilios : new String[] {"Stopp", "arrêt", "BAJA", "Hilfe", "status", "wo", "", null}) {
            assertThat(Keyword.of(notTwilios).answeredByTwilio(notTwilios)).as(notTwilios).isFalse();
        }
    }

    @Test
    void twimlEscapesTheReplyAndAnswersNothingEmpty() {
        assertThat(SmsInboundController.twiml("Tom & Jerry's <shop>")).isEqualTo("<?xml version=\"1.0\" "
                + "encoding=\"UTF-8\"?><Response><Message>Tom &amp; Jerry&apos;s &lt;shop&gt;</Message></Response>");
        assertThat(SmsInboundController.twiml(null)).isEqualTo("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<Response/>");
    }
}
