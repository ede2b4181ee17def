package io.herald.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The bound on pushes at the backend at once; the client itself runs against WireMock in PushChannelIT. */
class PushClientTest {

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
