package io.herald.config;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * DESIGN.md's "Who may call what" holds in every run that listens beyond loopback: such a run without the operator
 * login does not start, as its APIs and console would be open to the network and unsigned webhooks taken.
 */
class LoginBeyondLoopbackTest {

    @Test
    void aRunOnEveryInterfaceWithoutTheLoginDoesNotStart() {
        assertThatThrownBy(() -> SecurityConfiguration.requireLoginBeyondLoopback("0.0.0.0", false))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("server.address 0.0.0.0")
                .hasMessageContaining("herald.security.console-login-required=true");
        assertThatThrownBy(() -> SecurityConfiguration.requireLoginBeyondLoopback("", false))
                .hasMessageContaining("unset: every interface");
    }

    @Test
    void loopbackWithoutTheLoginAndAnyAddressWithItStart() {
        assertThatCode(() -> SecurityConfiguration.requireLoginBeyondLoopback("127.0.0.1", false))
                .doesNotThrowAnyException();
        assertThatCode(() -> SecurityConfiguration.requireLoginBeyondLoopback("localhost", false))
                .doesNotThrowAnyException();
        assertThatCode(() -> SecurityConfiguration.requireLoginBeyondLoopback("::1", false))
                .doesNotThrowAnyException();
        assertThatCode(() -> SecurityConfiguration.requireLoginBeyondLoopback("0.0.0.0", true))
                .doesNotThrowAnyException();
    }
}
