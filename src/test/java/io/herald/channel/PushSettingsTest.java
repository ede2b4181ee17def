package io.herald.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Each push carries a customer's message: it goes over https, but to a test's backend on this machine. */
class PushSettingsTest {

    @Test
    void anHttpUrlToAnotherMachineDoesNotStart() {
        assertThatThrownBy(() -> new PushSettings("http://app-backend.example.com/herald/push", "s3cret"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must be an https URL");
    }

    @Test
    void httpsAnywhereAndHttpToThisMachineStart() {
        assertThat(new PushSettings("https://app-backend.example.com/herald/push", "s3cret").enabled()).isTrue();
        assertThat(new PushSettings("http://127.0.0.1:8089/herald/push", "s3cret").enabled()).isTrue();
        assertThat(new PushSettings("http://localhost:8089/herald/push", "s3cret").enabled()).isTrue();
        assertThat(new PushSettings("", null).enabled()).isFalse();
    }
}
