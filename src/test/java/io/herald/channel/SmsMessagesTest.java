package io.herald.channel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SmsMessagesTest {

    private static final String ID = "5f0c7a52-8a0e-4c59-9d1e-0a4b8a1f2c3d";

    @Test
    void configuredStatusCallbackUrlGetsTheNotificationId() {
        assertThat(SmsMessages.statusCallback("https://herald.example.com/api/v1/twilio/status", "", ID))
                .isEqualTo("https://herald.example.com/api/v1/twilio/status?n=" + ID);
        assertThat(SmsMessages.statusCallback("https://herald.example.com/cb?tenant=a", "https://other.example", ID))
                .isEqualTo("https://herald.example.com/cb?tenant=a&n=" + ID);
    }

    @Test
    void publicBaseUrlPointsTwilioAtHeraldsOwnStatusWebhook() {
        assertThat(SmsMessages.statusCallback("", "https://herald.example.com/", ID))
                .isEqualTo("https://herald.example.com/api/v1/sms/status?n=" + ID);
    }

    @Test
    void noCallbackWithoutAUrl() {
        assertThat(SmsMessages.statusCallback("", "", ID)).isNull();
    }
}
