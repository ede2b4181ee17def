package io.herald.sms;

import static io.herald.sms.InboundSms.replyName;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which answer each inbound body gets, by who answers keywords and whether the number is stopped. */
class InboundSmsTest {

    @Test
    void withTwilioAnsweringKeywordsHeraldAnswersOnlyStatusOtherWordsForStopAndTheRest() {
        assertThat(replyName("STOP", false, true)).isNull();
        assertThat(replyName("start", true, true)).isNull();
        assertThat(replyName("HELP", false, true)).isNull();
        assertThat(replyName("Stopp", false, true)).as("not Twilio's keyword: Twilio says nothing")
                .isEqualTo("stopped");
        assertThat(replyName("Hilfe", false, true)).isEqualTo("help");
        assertThat(replyName("STATUS", false, true)).isEqualTo("status");
        assertThat(replyName("hello", false, true)).isEqualTo("other");
    }

    @Test
    void withHeraldAnsweringKeywordsAStopIsConfirmedOnce() {
        assertThat(replyName("STOP", false, false)).isEqualTo("stopped");
        assertThat(replyName("STOP", true, false)).as("a second STOP").isNull();
        assertThat(replyName("baja", true, false)).as("a second STOP, in Spanish").isNull();
        assertThat(replyName("START", true, false)).isEqualTo("started");
        assertThat(replyName("INFO", true, false)).isEqualTo("help");
    }

    @Test
    void stoppedNumberGetsNoStatusAndNoHelpAnswer() {
        assertThat(replyName("STATUS", true, true)).isNull();
        assertThat(replyName("hello", true, false)).isNull();
    }
}
