package io.herald.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The fault run's app backend checks pushes as docs/channels-push.md tells a backend to; were its check to let
 * anything through, the fault run could not see Herald sign wrongly. The signatures here were made outside Java
 * ({@code openssl dgst -sha256 -hmac}), over the timestamp, a dot and the raw body.
 */
class PushStubTest {

    private static final long SIGNED_AT = 1_764_511_200L;
    private static final byte[] BODY = "{\"notificationId\":\"n-1\",\"customerId\":\"C-1\"}"
            .getBytes(StandardCharsets.UTF_8);
    private static final String SIGNATURE = "v1=9de2749c994ad4c7b0e0c096b933f48c13e7c6e17ec4a373fd1767a2dac29551";

    @Test
    void takesAPushSignedWithTheSecretWithinFiveMinutes() {
        assertThat(PushStub.genuine(Long.toString(SIGNED_AT), SIGNATURE, BODY, SIGNED_AT)).isTrue();
        assertThat(PushStub.genuine(Long.toString(SIGNED_AT), SIGNATURE, BODY, SIGNED_AT + 300)).isTrue();
    }

    @Test
    void refusesAnotherSecretAnotherBodyAnOldTimestampAndMissingHeaders() {
        String ts = Long.toString(SIGNED_AT);
        assertThat(PushStub.genuine(ts,
                "v1=c6f0a1f115e9e16f11cdb945b07246038e7e0a831b8ab31026576667e300d412", BODY, SIGNED_AT))
                .as("signed with another secret").isFalse();
        assertThat(PushStub.genuine(ts, SIGNATURE, "{\"notificationId\":\"n-2\",\"customerId\":\"C-1\"}"
                .getBytes(StandardCharsets.UTF_8), SIGNED_AT)).as("another body").isFalse();
        assertThat(PushStub.genuine(Long.toString(SIGNED_AT + 1), SIGNATURE, BODY, SIGNED_AT))
                .as("the signature of another timestamp").isFalse();
        assertThat(PushStub.genuine(ts, SIGNATURE, BODY, SIGNED_AT + 301)).as("older than five minutes").isFalse();
        assertThat(PushStub.genuine(null, SIGNATURE, BODY, SIGNED_AT)).isFalse();
        assertThat(PushStub.genuine(ts, null, BODY, SIGNED_AT)).isFalse();
        assertThat(PushStub.genuine("soon", SIGNATURE, BODY, SIGNED_AT)).isFalse();
    }
}
