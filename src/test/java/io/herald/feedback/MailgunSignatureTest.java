package io.herald.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MailgunSignatureTest {

    private static final String TIMESTAMP = "1764409000";
    private static final String TOKEN = "c0ffee2b4f8a61d9e0b7a35c4d12fe98ab7364";
    // computed outside Java: printf '%s' "$TIMESTAMP$TOKEN" | openssl dgst -sha256 -hmac it-mailgun-signing-key
    private static final String SIGNATURE = "9d7560ca9078952e75276d214b7eec1c9156cdc301e9580fc4039e731d3fb83b";

    @Test
    void signatureIsTheHexHmacSha256OfTimestampAndToken() {
        assertThat(new MailgunEventsController("it-mailgun-signing-key", null).signed(TIMESTAMP, TOKEN, SIGNATURE))
                .isTrue();
    }

    @Test
    void otherKeyTokenOrTimestampIsRefused() {
        assertThat(new MailgunEventsController("another-key", null).signed(TIMESTAMP, TOKEN, SIGNATURE)).isFalse();
        MailgunEventsController controller = new MailgunEventsController("it-mailgun-signing-key", null);
        assertThat(controller.signed("1764409001", TOKEN, SIGNATURE)).isFalse();
        assertThat(controller.signed(TIMESTAMP, TOKEN + "0", SIGNATURE)).isFalse();
        assertThat(controller.signed(TIMESTAMP, TOKEN, "")).isFalse();
    }

    @Test
    void withoutASigningKeyEveryEventIsRefused() {
        assertThat(new MailgunEventsController("", null).signed(TIMESTAMP, TOKEN, SIGNATURE)).isFalse();
    }
}
