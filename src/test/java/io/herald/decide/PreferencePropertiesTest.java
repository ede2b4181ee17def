package io.herald.decide;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.mock.env.MockPropertySource;

/** {@code herald.preferences.defaults} as Spring binds it from application.yaml and from overrides. */
class PreferencePropertiesTest {

    private static PreferenceProperties bind(PropertySource<?>... overrides) throws Exception {
        StandardEnvironment environment = new StandardEnvironment();
        for (PropertySource<?> override : overrides) {
            environment.getPropertySources().addLast(override);
        }
        List<PropertySource<?>> yaml = new YamlPropertySourceLoader()
                .load("application.yaml", new ClassPathResource("application.yaml"));
        yaml.forEach(environment.getPropertySources()::addLast);
        return new Binder(ConfigurationPropertySources.get(environment))
                .bindOrCreate("herald.preferences", PreferenceProperties.class);
    }

    @Test
    void theDefaultRunHasEmailAndSmsOnPushOffAndEveryTypeOn() throws Exception {
        PreferenceProperties.Defaults defaults = bind().defaults();

        assertThat(defaults.channels()).isEqualTo(Map.of("email", true, "sms", true, "push", false));
        assertThat(defaults.typeOn(NotificationType.ETA_CHANGED, "sms")).isTrue();
    }

    @Test
    void aTypeWrittenWithDashesOrUnderscoresIsSwitchedOff() throws Exception {
        PreferenceProperties.Defaults defaults = bind(new MockPropertySource()
                .withProperty("herald.preferences.defaults.types.eta-changed.sms", "false")
                .withProperty("herald.preferences.defaults.types.out_for_delivery.email", "false")
                .withProperty("herald.preferences.defaults.channels.push", "true")).defaults();

        assertThat(defaults.typeOn(NotificationType.ETA_CHANGED, "sms")).isFalse();
        assertThat(defaults.typeOn(NotificationType.OUT_FOR_DELIVERY, "email")).isFalse();
        assertThat(defaults.typeOn(NotificationType.OUT_FOR_DELIVERY, "sms")).isTrue();
        assertThat(defaults.channels()).containsEntry("push", true).containsEntry("email", true);
    }
}
