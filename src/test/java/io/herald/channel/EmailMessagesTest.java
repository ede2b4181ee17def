package io.herald.channel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EmailMessagesTest {

    @Test
    void messageIdIsTheNotificationIdAtTheSendersDomain() {
        assertThat(EmailMessages.messageId("5f0c7a52-8a0e-4c59-9d1e-0a4b8a1f2c3d", "Shop <shop@mail.example.com>"))
                .isEqualTo("<5f0c7a52-8a0e-4c59-9d1e-0a4b8a1f2c3d@mail.example.com>");
    }

    @Test
    void anUnreadableSenderFallsBackToAReservedDomain() {
        assertThat(EmailMessages.messageId("id-1", "not an address")).isEqualTo("<id-1@herald.invalid>");
    }
}
