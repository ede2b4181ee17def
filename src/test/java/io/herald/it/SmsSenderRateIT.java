package io.herald.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.client.WireMock;
import io.herald.channel.SenderRates;
import io.herald.channel.SmsMessages;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/**
 * An SMS over its sender's rate waits its turn in sms-hand-off's delay step, and holds no thread while it waits
 * (Camel's asynchronous delay): more SMS than the channel has hand-off threads wait together, and none is dropped.
 */
class SmsSenderRateIT extends HeraldIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    /** The tests' sending number, a long code at 100 segments a second here (HeraldIntegrationTest). */
    private static final String SENDER = "+15005550006";
    private static final String SMS_ROUTE = "sms-notifications-consume";

    @Autowired
    private SenderRates senderRates;

    @Value("${herald.channels.hand-off-threads}")
    private int handOffThreads;

    @Test
    void smsWaitingForItsSendersRateHoldNoHandOffThread() throws Exception {
        int messages = handOffThreads + 4;
        String phonePrefix = "+49151123470";
        TWILIO.stubFor(WireMock.post(urlEqualTo(MESSAGES_PATH)).atPriority(1).withRequestBody(containing("4915112347"))
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withBody(NotificationJourneyIT.twilioMessage("SM" + "d".repeat(32)))));
        // the sender's next 10 seconds spent (1,000 segments at 100 a second): every SMS below waits about that long
        Exchange spent = new DefaultExchange(camel);
        spent.getMessage().setHeader(SmsMessages.FROM, SENDER);
        spent.getMessage().setHeader(SmsMessages.BODY, "x".repeat(153 * 1000));
        assertThat(senderRates.delayOf(spent)).isZero();

        // one batch takes them all: the channel's consumers wait until every message is decided
        camel.getRouteController().stopRoute(SMS_ROUTE, 10, TimeUnit.SECONDS);
        try {
            for (int i = 10; i < 10 + messages; i++) {
                assertThat(post("/api/v1/intake/oms", SamplePayloads.omsOrder("SO-RATE-" + i, "C-RATE-" + i,
                        "rate" + i + "@example.com", phonePrefix + i, "en", "sms", 5)).statusCode()).isEqualTo(202);
            }
            await().atMost(WAIT).until(() -> smsIn("DECIDED") == messages);
        } finally {
            camel.getRouteController().startRoute(SMS_ROUTE);
        }
        await().atMost(WAIT).until(() -> smsIn("SENDING") == messages);

        assertThat(twilioRequests()).as("all still waiting for the sender's rate").isZero();
        // for a second of the ten they wait, no thread sleeps in the delay step (a thread passing through it to
        // schedule its message's wait is no thread held)
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                .until(() -> threadsAsleepInCamelsDelay().isEmpty());
        assertThat(twilioRequests()).as("still waiting for the sender's rate").isZero();
        await().atMost(WAIT).until(() -> twilioRequests() == messages);
        await().atMost(WAIT).until(() -> smsIn("SENT") == messages);
    }

    private int smsIn(String state) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM notification WHERE channel = 'sms' AND order_id LIKE "
                + "'SO-RATE-%' AND state = ?", Integer.class, state);
    }

    private static int twilioRequests() {
        return TWILIO.findAll(postRequestedFor(urlEqualTo(MESSAGES_PATH)).withRequestBody(containing("4915112347")))
                .size();
    }

    /** Threads asleep with Camel's delay processor on their stack: a synchronous delay sleeps in it. */
    private static List<String> threadsAsleepInCamelsDelay() {
        return Thread.getAllStackTraces().entrySet().stream()
                .filter(thread -> thread.getKey().getState() == Thread.State.TIMED_WAITING
                        && Arrays.stream(thread.getValue())
                        .anyMatch(frame -> frame.getClassName().startsWith("org.apache.camel.processor.Delay")))
                .map(thread -> thread.getKey().getName()).toList();
    }
}
