package io.herald.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProviderStatesTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"queued,SENT", "accepted,SENT", "scheduled,SENT", "sending,SENT", "sent,SENT",
            "delivered,DELIVERED", "read,DELIVERED", "undelivered,UNDELIVERED", "failed,FAILED", "Delivered,DELIVERED"})
    void twilioStatusesMapToAttemptStates(String twilio, String state) {
        assertThat(ProviderStates.ofTwilio(twilio)).contains(state);
    }

    @Test
    void statusesThatSayNothingAboutDeliveryMoveNothing() {
        assertThat(ProviderStates.ofTwilio("canceled")).isEmpty();
        assertThat(ProviderStates.ofTwilio("receiving")).isEmpty();
        assertThat(ProviderStates.ofTwilio("partially_delivered")).isEmpty();
        assertThat(ProviderStates.ofTwilio(null)).isEmpty();
    }

    @Test
    void lateSentAfterDeliveredIsIgnored() {
        assertThat(ProviderStates.moves("DELIVERED", "SENT")).isFalse();
    }

    @Test
    void deliveredWinsOverEveryOtherState() {
        for (String current : new String[] {"SENDING", "UNKNOWN", "SENT", "UNDELIVERED", "FAILED"}) {
            assertThat(ProviderStates.moves(current, "DELIVERED")).as(current).isTrue();
        }
        assertThat(ProviderStates.moves("DELIVERED", "DELIVERED")).as("a repeated report moves nothing").isFalse();
    }

    @Test
    void finalStatesNeverGoBackNorReplaceEachOther() {
        for (String done : new String[] {"DELIVERED", "UNDELIVERED", "FAILED"}) {
            assertThat(ProviderStates.moves(done, "SENT")).as(done + " -> SENT").isFalse();
            assertThat(ProviderStates.moves(done, "UNDELIVERED")).as(done + " -> UNDELIVERED").isFalse();
            assertThat(ProviderStates.moves(done, "FAILED")).as(done + " -> FAILED").isFalse();
        }
    }

    @Test
    void reportsMoveAnAttemptTheHandOffLeftOpen() {
        assertThat(ProviderStates.moves("SENDING", "SENT")).isTrue();
        assertThat(ProviderStates.moves("UNKNOWN", "SENT")).as("the provider resolves an unknown outcome").isTrue();
        assertThat(ProviderStates.moves("SENT", "UNDELIVERED")).isTrue();
        assertThat(ProviderStates.moves("SENT", "FAILED")).isTrue();
        assertThat(ProviderStates.moves("DECIDED", "DELIVERED")).as("never handed over").isFalse();
        assertThat(ProviderStates.moves("SENT", "SENT")).isFalse();
    }
}
