package io.herald.decide;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Why a message decided before may no longer go: what the customer did since, as a decision now would read it. */
class EffectivePreferencesTest {

    private static final Map<String, Boolean> BOTH = Map.of("email", true, "sms", true);
    private static final Map<String, Map<String, Boolean>> ALL_TYPES = Map.of("shipped", BOTH);

    @Test
    void aStoppedNumberWithdrawsEverySmsCriticalAlertsIncluded() {
        EffectivePreferences stopped = new EffectivePreferences(BOTH, ALL_TYPES, true, false);

        assertThat(stopped.withdrawal(NotificationType.SHIPPED, "sms")).contains("withdrawn: the number sent STOP");
        assertThat(stopped.withdrawal(NotificationType.DELAYED, "sms")).contains("withdrawn: the number sent STOP");
        assertThat(stopped.withdrawal(NotificationType.SHIPPED, "email")).isEmpty();
    }

    @Test
    void anEmailUnsubscribeWithdrawsOptionalEmailsButNotACriticalOneWhichMayBeTheLastResort() {
        EffectivePreferences unsubscribed = new EffectivePreferences(BOTH, ALL_TYPES, false, true);

        assertThat(unsubscribed.withdrawal(NotificationType.SHIPPED, "email"))
                .contains("withdrawn: the customer unsubscribed from email");
        assertThat(unsubscribed.withdrawal(NotificationType.DELAYED, "email")).isEmpty();
        assertThat(unsubscribed.withdrawal(NotificationType.SHIPPED, "sms")).isEmpty();
    }

    @Test
    void aChannelOrTypeSwitchedOffWithdrawsItsMessages() {
        EffectivePreferences smsOff = new EffectivePreferences(Map.of("email", true, "sms", false), ALL_TYPES, false,
                false);
        EffectivePreferences shippedOff = new EffectivePreferences(BOTH,
                Map.of("shipped", Map.of("email", true, "sms", false)), false, false);

        assertThat(smsOff.withdrawal(NotificationType.DELAYED, "sms"))
                .contains("withdrawn: the customer no longer takes delayed by sms");
        assertThat(shippedOff.withdrawal(NotificationType.SHIPPED, "sms"))
                .contains("withdrawn: the customer no longer takes shipped by sms");
        assertThat(shippedOff.withdrawal(NotificationType.SHIPPED, "email")).isEmpty();
    }
}
