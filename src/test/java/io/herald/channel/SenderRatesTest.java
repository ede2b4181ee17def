package io.herald.channel;

import static org.assertj.core.api.Assertions.assertThat;

import io.herald.MovableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

class SenderRatesTest {

    private final MovableClock clock = new MovableClock(Instant.parse("2026-11-29T10:00:00Z"));
    private final List<Duration> waits = new ArrayList<>();
    private final SenderRates rates = new SenderRates(true, 1, 3, 100, clock);

    @Test
    void longCodeSendsOneASecondAndWhatExceedsWaitsItsTurn() {
        for (int i = 0; i < 4; i++) {
            take(rates, sms("+15005550006"));
        }
        clock.advance(Duration.ofMillis(500));
        take(rates, sms("+15005550006"));

        assertThat(waits).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(3),
                Duration.ofMillis(3500));
    }

    @Test
    void tollFreeSendsThreeASecondAndAQuietSenderMaySendASecondsWorthAtOnce() {
        for (int i = 0; i < 4; i++) {
            take(rates, sms("+18885550100"));
        }
        clock.advance(Duration.ofSeconds(10));
        for (int i = 0; i < 3; i++) {
            take(rates, sms("+18885550100"));
        }

        assertThat(waits).as("the fourth of a burst waits a third of a second; ten seconds later the bucket is full")
                .containsExactly(Duration.ofMillis(334));
    }

    @Test
    void eachSenderHasItsOwnBucketAndAShortCodeSendsAHundredASecond() {
        for (int i = 0; i < 100; i++) {
            take(rates, sms("12345"));
        }
        take(rates, sms("+15005550006"));
        take(rates, sms("12345"));

        assertThat(waits).containsExactly(Duration.ofMillis(10));
        assertThat(rates.rateOf("12345")).isEqualTo(100);
        assertThat(rates.rateOf("+18005550100")).isEqualTo(3);
        assertThat(rates.rateOf("+4915112340000")).isEqualTo(1);
    }

    @Test
    void aMessageTakesATokenPerSegment() {
        take(rates, sms("+15005550006", "x".repeat(200)));
        take(rates, sms("+15005550006", "short"));

        assertThat(waits).as("two segments at one a second: the next message waits for the second one's token")
                .containsExactly(Duration.ofSeconds(2));
    }

    @Test
    void onlyTwilioMessagesChannelUriHasRates() {
        SenderRates twilio = new SenderRates(io.herald.channel.twilio.TwilioMessages.CHANNEL_URI, 1, 3, 100, clock);
        SenderRates local = new SenderRates("bean:localSmsOutbox?method=send", 1, 3, 100, clock);
        for (int i = 0; i < 2; i++) {
            take(twilio, sms("+15005550006"));
            take(local, sms("+15005550006"));
        }

        assertThat(waits).containsExactly(Duration.ofSeconds(1));
    }

    @Test
    void theLocalOutboxHasNoRate() {
        SenderRates local = new SenderRates(false, 1, 3, 100, clock);
        for (int i = 0; i < 10; i++) {
            take(local, sms("+15005550006"));
        }

        assertThat(waits).isEmpty();
    }

    /** What the route's delay step does: takes the tokens, and waits what delayOf answers (none when 0). */
    private void take(SenderRates senderRates, Exchange sms) {
        long delay = senderRates.delayOf(sms);
        if (delay > 0) {
            waits.add(Duration.ofMillis(delay));
        }
    }

    private static Exchange sms(String from) {
        return sms(from, "Your order shipped");
    }

    private static Exchange sms(String from, String body) {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.getMessage().setHeader(SmsMessages.FROM, from);
        exchange.getMessage().setHeader(SmsMessages.BODY, body);
        return exchange;
    }
}
