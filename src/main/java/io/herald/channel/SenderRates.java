package io.herald.channel;

import io.herald.channel.twilio.TwilioMessages;
import io.herald.render.SmsSegments;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.apache.camel.Exchange;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * What a Twilio sender may send: a token bucket per sending number, of its kind's rate in segments a second (a long
 * code 1, a toll-free number 3, a short code 100; {@code herald.channels.sms.rates.*}; PROTOCOLS.md, "Throughput"):
 * each message takes as many tokens as it has segments. Twilio itself queues what a number sends beyond its rate, and
 * fails what is more than 10 hours of it; Herald keeps to the rate so that never happens. A message over the rate
 * waits its turn in sms-hand-off's {@code delay} step, which holds no thread while it waits (Camel's asynchronous
 * delay): it is queued, never dropped. Its batch claimed it before (Deliveries.claimBatch); a hand-off that goes on a
 * quarter of the lease later renews that claim first, so the wait never counts against the hand-off lease. A bucket
 * holds one second of tokens, so a quiet sender may send that many at once.
 *
 * <p>Only messages that go to Twilio wait ({@code herald.channels.sms.uri} is TwilioMessages'): the default run's
 * local outbox has no rate.
 */
@Component("senderRates")
public class SenderRates {

    /** Twilio's short codes are five or six digits, without a country code. */
    private static final Pattern SHORT_CODE = Pattern.compile("\\d{5,6}");
    /** North American toll-free numbers: +1 800, 833, 844, 855, 866, 877, 888. */
    private static final Pattern TOLL_FREE = Pattern.compile("\\+18(00|33|44|55|66|77|88)\\d{7}");

    private final boolean twilio;
    private final double longCode;
    private final double tollFree;
    private final double shortCode;
    private final Clock clock;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    @Autowired
    public SenderRates(@Value("${herald.channels.sms.uri}") String smsUri,
                       @Value("${herald.channels.sms.rates.long-code:1}") double longCode,
                       @Value("${herald.channels.sms.rates.toll-free:3}") double tollFree,
                       @Value("${herald.channels.sms.rates.short-code:100}") double shortCode,
                       Clock clock) {
        this(TwilioMessages.isUsedBy(smsUri), longCode, tollFree, shortCode, clock);
    }

    SenderRates(boolean twilio, double longCode, double tollFree, double shortCode, Clock clock) {
        if (longCode <= 0 || tollFree <= 0 || shortCode <= 0) {
            throw new IllegalArgumentException("herald.channels.sms.rates.* must be above 0 messages a second");
        }
        this.twilio = twilio;
        this.longCode = longCode;
        this.tollFree = tollFree;
        this.shortCode = shortCode;
        this.clock = clock;
    }

    /**
     * Takes the message's tokens from its sender's bucket ({@code heraldSmsFrom}) and answers how long it must wait
     * for them, in milliseconds (rounded up): 0 when it may go now.
     */
    public long delayOf(Exchange exchange) {
        String sender = exchange.getMessage().getHeader(SmsMessages.FROM, String.class);
        if (!twilio || sender == null) {
            return 0;
        }
        String body = exchange.getMessage().getHeader(SmsMessages.BODY, String.class);
        int segments = body == null ? 1 : Math.max(1, SmsSegments.of(body).segments());
        Duration wait = buckets.computeIfAbsent(sender, s -> new Bucket(rateOf(s))).take(clock.millis(), segments);
        return wait.isZero() ? 0 : (wait.toNanos() + 999_999) / 1_000_000;
    }

    /** Segments a second for this sending number. */
    double rateOf(String sender) {
        if (SHORT_CODE.matcher(sender).matches()) {
            return shortCode;
        }
        return TOLL_FREE.matcher(sender).matches() ? tollFree : longCode;
    }

    /**
     * A token bucket of {@code rate} tokens a second, holding at most {@code rate} (at least one). Taking tokens that
     * are not there yet reserves them: the bucket goes below zero, and the taker waits until the token of its first
     * segment has come.
     */
    private static final class Bucket {

        private final double rate;
        private final double capacity;
        private double tokens;
        private long at = -1;

        Bucket(double rate) {
            this.rate = rate;
            this.capacity = Math.max(1, rate);
        }

        synchronized Duration take(long now, int count) {
            if (at < 0) {
                tokens = capacity;
            } else if (now > at) {
                tokens = Math.min(capacity, tokens + (now - at) * rate / 1000);
            }
            at = Math.max(at, now);
            // the message goes once a token is there for its first segment; its other segments' tokens are taken
            // too, so the next message waits for them
            double missing = 1 - tokens;
            tokens -= count;
            return missing <= 0 ? Duration.ZERO : Duration.ofNanos((long) Math.ceil(missing / rate * 1e9));
        }
    }
}
