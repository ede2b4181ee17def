package io.herald.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The push's signature, and the bound on pushes at the backend at once (the client itself: PushChannelIT). */
class PushClientTest {

    @Test
    void signatureIsTheHexHmacSha256OfTimestampDotBody() {
        // computed apart: printf '%s' '1772532000.{...}' | openssl dgst -sha256 -hmac 'push-secret-1'
        assertThat(PushClient.signature("push-secret-1", 1772532000L,
                "{\"notificationId\":\"n-1\",\"title\":\"Grüße\"}"))
                .isEqualTo("v1=d331c22e8a8de5a2077438006d4a40937550b565cac7641595ca75d17e26def1");
    }

    @Test
    void aChangedBodyOrTimestampChangesTheSignature() {
        String signed = PushClient.signature("push-secret-1", 1772532000L, "{\"title\":\"a\"}");

        assertThat(PushClient.signature("push-secret-1", 1772532001L, "{\"title\":\"a\"}")).isNotEqualTo(signed);
        assertThat(PushClient.signature("push-secret-1", 1772532000L, "{\"title\":\"b\"}")).isNotEqualTo(signed);
        assertThat(PushClient.signature("another-secret", 1772532000L, "{\"title\":\"a\"}")).isNotEqualTo(signed);
    }

    @Test
    void atMostTheBoundRunAtOnceAndTheRestStartInTheirOrderAsOthersEnd() {
        PushClient.InFlight inFlight = new PushClient.InFlight(2);
        List<Integer> started = new CopyOnWriteArrayList<>();

        for (int i = 1; i <= 5; i++) {
            int request = i;
            inFlight.run(() -> started.add(request));
        }

        assertThat(started).containsExactly(1, 2);
        assertThat(inFlight.waiting()).isEqualTo(3);
        inFlight.done();
        assertThat(started).containsExactly(1, 2, 3);
        inFlight.done();
        inFlight.done();
        assertThat(started).containsExactly(1, 2, 3, 4, 5);
        assertThat(inFlight.waiting()).isZero();
        inFlight.done();
        inFlight.done();
        inFlight.run(() -> started.add(6));
        inFlight.run(() -> started.add(7));
        assertThat(started).as("both permits are back").containsExactly(1, 2, 3, 4, 5, 6, 7);
        inFlight.run(() -> started.add(8));
        assertThat(started).hasSize(7);
    }

    @Test
    void aRequestThatEndsAsItStartsLetsTheNextOneGo() {
        PushClient.InFlight inFlight = new PushClient.InFlight(1);
        List<Integer> started = new CopyOnWriteArrayList<>();

        for (int i = 1; i <= 3; i++) {
            int request = i;
            inFlight.run(() -> {
                started.add(request);
                inFlight.done(); // an answer that came at once, on the caller's thread
            });
        }

        assertThat(started).containsExactly(1, 2, 3);
        assertThat(inFlight.waiting()).isZero();
    }

    @Test
    void theBoundIsAtLeastOne() {
        assertThatThrownBy(() -> new PushClient.InFlight(0)).hasMessageContaining("max-in-flight");
    }
}
