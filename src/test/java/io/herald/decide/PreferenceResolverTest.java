package io.herald.decide;

import static io.herald.decide.NotificationType.DELAYED;
import static io.herald.decide.NotificationType.DELIVERED;
import static io.herald.decide.NotificationType.SHIPPED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The decide part of preferences, without Spring or a database. */
class PreferenceResolverTest {

    private static final PreferenceProperties.Defaults DEFAULTS = new PreferenceProperties.Defaults(null, null);

    private static EffectivePreferences resolve(List<PreferenceChoice> stored, boolean smsStopped,
                                                boolean emailUnsubscribed) {
        return PreferenceResolver.resolve(DEFAULTS, stored, smsStopped, emailUnsubscribed);
    }

    @Test
    void withoutChoicesEmailAndSmsAreOnPushOffAndEveryTypeOn() {
        EffectivePreferences preferences = resolve(List.of(), false, false);

        assertThat(preferences.channels()).containsExactly(Map.entry("email", true), Map.entry("sms", true),
                Map.entry("push", false));
        assertThat(preferences.types()).hasSize(12).allSatisfy((type, perChannel) ->
                assertThat(perChannel).containsOnlyKeys("email", "sms", "push").doesNotContainValue(false));
        assertThat(preferences.allows(SHIPPED, "email")).isTrue();
        assertThat(preferences.allows(SHIPPED, "sms")).isTrue();
        assertThat(preferences.allows(SHIPPED, "push")).as("push channel off").isFalse();
    }

    @Test
    void optedOutOfShippedStillGetsDelayedByEmail() {
        EffectivePreferences preferences = resolve(List.of(new PreferenceChoice("shipped", "email", false),
                new PreferenceChoice("shipped", "sms", false)), false, false);

        assertThat(preferences.allows(SHIPPED, "email")).isFalse();
        assertThat(preferences.allows(SHIPPED, "sms")).isFalse();
        assertThat(preferences.allows(DELIVERED, "email")).isTrue();
        assertThat(preferences.allows(DELAYED, "email")).isTrue();
    }

    @Test
    void aStoredOffForACriticalTypeIsIgnored() {
        EffectivePreferences preferences = resolve(List.of(new PreferenceChoice("delayed", "sms", false)), false,
                false);

        assertThat(preferences.types().get("delayed")).containsEntry("sms", true);
        assertThat(preferences.allows(DELAYED, "sms")).isTrue();
    }

    @Test
    void smsStopSilencesEveryTypeBySmsCriticalIncludedButNotEmail() {
        EffectivePreferences preferences = resolve(List.of(), true, false);

        assertThat(preferences.allows(DELAYED, "sms")).isFalse();
        assertThat(preferences.allows(SHIPPED, "sms")).isFalse();
        assertThat(preferences.allows(DELAYED, "email")).isTrue();
    }

    @Test
    void emailUnsubscribeSilencesOptionalTypesByEmailOnly() {
        EffectivePreferences preferences = resolve(List.of(), false, true);

        assertThat(preferences.allows(SHIPPED, "email")).isFalse();
        assertThat(preferences.allows(DELIVERED, "email")).isFalse();
        assertThat(preferences.allows(DELAYED, "email")).as("critical alert still by email").isTrue();
        assertThat(preferences.allows(SHIPPED, "sms")).isTrue();
    }

    @Test
    void aChannelSwitchedOffCarriesNothingOnAChannelSwitchedOnCarriesTheTypesThatAreOn() {
        EffectivePreferences preferences = resolve(List.of(PreferenceChoice.channel("sms", false),
                PreferenceChoice.channel("push", true), new PreferenceChoice("delivered", "push", false)), false,
                false);

        assertThat(preferences.allows(DELAYED, "sms")).isFalse();
        assertThat(preferences.allows(SHIPPED, "push")).isTrue();
        assertThat(preferences.allows(DELIVERED, "push")).isFalse();
        assertThat(preferences.allows(SHIPPED, "fax")).as("unknown channel").isFalse();
    }

    @Test
    void settingsChooseTheDefaultsPerChannelAndType() {
        PreferenceProperties.Defaults defaults = new PreferenceProperties.Defaults(Map.of("push", true),
                Map.of("eta-changed", Map.of("sms", false), "outfordelivery", Map.of("email", false)));

        EffectivePreferences preferences = PreferenceResolver.resolve(defaults, List.of(), false, false);

        assertThat(preferences.channels()).containsEntry("email", true).containsEntry("push", true);
        assertThat(preferences.allows(NotificationType.ETA_CHANGED, "sms")).isFalse();
        assertThat(preferences.allows(NotificationType.ETA_CHANGED, "email")).isTrue();
        assertThat(preferences.allows(NotificationType.OUT_FOR_DELIVERY, "email")).isFalse();
    }

    @Test
    void settingsRefuseUnknownChannelsTypesAndACriticalTypeOff() {
        assertThatThrownBy(() -> new PreferenceProperties.Defaults(Map.of("fax", true), null))
                .hasMessageContaining("unknown channel fax");
        assertThatThrownBy(() -> new PreferenceProperties.Defaults(null, Map.of("teleported", Map.of("sms", true))))
                .hasMessageContaining("unknown notification type teleported");
        assertThatThrownBy(() -> new PreferenceProperties.Defaults(null, Map.of("returned", Map.of("sms", false))))
                .hasMessageContaining("returned is a critical alert");
    }
}
