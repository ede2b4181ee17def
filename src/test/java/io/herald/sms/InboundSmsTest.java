package io.herald.sms;

import static io.herald.sms.InboundSms.replyName;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which answer each keyword gets, by who answers keywords and whether the number is stopped. */
class InboundSmsTest {

    @Test
    void withTwilioAnsweringKeywordsHeraldAnswersOnlyStatusAndTheRest() {
        assertThat(replyName(Keyword.OPT_OUT, false, true)).isNull();
        assertThat(replyName(Keyword.OPT_IN, true, true)).isNull();
        assertThat(replyName(Keyword.HELP, false, true)).isNull();
        assertThat(replyName(Keyword.STATUS, false, true)).isEqualTo("status");
        assertThat(replyName(Keyword.OTHER, false, true)).isEqualTo("other");
    }

    @Test
    void withHeraldAnsweringKeywordsAStopIsConfirmedOnce() {
        assertThat(replyName(Keyword.OPT_OUT, false, false)).isEqualTo("stopped");
        assertThat(replyName(Keyword.OPT_OUT, true, false)).as("a second STOP").isNull();
        assertThat(replyName(Keyword.OPT_IN, true, false)).isEqualTo("started");
        assertThat(replyName(Keyword.HELP, true, false)).isEqualTo("help");
    }

    @Test
    void stoppedNumberGetsNoStatusAndNoHelpAnswer() {
        assertThat(replyName(Keyword.STATUS, true, true)).isNull();
        assertThat(replyName(Keyword.OTHER, true, false)).isNull();
    }
}
