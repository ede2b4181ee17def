package io.herald.channel;

import io.herald.channel.twilio.TwilioMessages;
import io.herald.render.SmsSegments;
import io.herald.support.SqlFiles;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.regex.Pattern;
import org.apache.camel.Exchange;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What a Twilio sender may send: a token bucket per sending number, of its kind's rate in segments a second (a long
 * code 1, a toll-free number 3, a short code 100; {@code herald.channels.sms.rates.*}; PROTOCOLS.md, "Throughput"):
 * each message takes as many tokens as it has segments. Twilio itself queues what a number sends beyond its rate, and
 * fails what is more than 10 hours of it; Herald keeps to the rate so that never happens, and so that no message waits
 * in Twilio's queue, past the quiet hours and currency checks Herald made before the hand-off. A message over the rate
 * waits its turn in sms-hand-off's {@code delay} step, which holds no thread while it waits (Camel's asynchronous
 * delay): it is queued, never dropped. Its batch claimed it before (Deliveries.claimBatch); a hand-off that goes on a
 * quarter of the lease later renews that claim first, so the wait never counts against the hand-off lease. A bucket
 * holds one second of tokens, so a quiet sender may send that many at once.
 *
 * <p>The buckets are rows of {@code sms_sender_rate}, shared by every instance: instances sending from one number keep
 * to its rate together, not each to the whole of it. A row holds the moment its bucket is full again (the "theoretical
 * arrival time" of the generic cell rate algorithm, which is this token bucket written as one number): a message takes
 * its tokens by moving that moment on by their time, in one transaction that locks the row, and may go once its first
 * segment's token is there. The moments are the injected clock's, so instances' clocks should agree (NTP) to the
 * part of a second a rate's precision needs.
 *
 * <p>Only messages that go to Twilio wait ({@code herald.channels.sms.uri} is TwilioMessages'): the default run's
 * local outbox has no rate, and reads nothing.
 */
@Component("senderRates")
public class SenderRates {

    /** Twilio's short codes are five or six digits, without a country code. */
    private static final Pattern SHORT_CODE = Pattern.compile("\\d{5,6}");
    /** North American toll-free numbers: +1 800, 833, 844, 855, 866, 877, 888. */
    private static final Pattern TOLL_FREE = Pattern.compile("\\+18(00|33|44|55|66|77|88)\\d{7}");
    private static final long MICROS_A_SECOND = 1_000_000;

    private final boolean twilio;
    private final double longCode;
    private final double tollFree;
    private final double shortCode;
    private final Clock clock;
    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final SqlFiles sql;

    @Autowired
    public SenderRates(@Value("${herald.channels.sms.uri}") String smsUri,
                       @Value("${herald.channels.sms.rates.long-code:1}") double longCode,
                       @Value("${herald.channels.sms.rates.toll-free:3}") double tollFree,
                       @Value("${herald.channels.sms.rates.short-code:100}") double shortCode,
                       Clock clock, NamedParameterJdbcTemplate jdbc, TransactionTemplate transactions, SqlFiles sql) {
        this(TwilioMessages.isUsedBy(smsUri), longCode, tollFree, shortCode, clock, jdbc, transactions, sql);
    }

    SenderRates(boolean twilio, double longCode, double tollFree, double shortCode, Clock clock,
                NamedParameterJdbcTemplate jdbc, TransactionTemplate transactions, SqlFiles sql) {
        if (longCode <= 0 || tollFree <= 0 || shortCode <= 0) {
            throw new IllegalArgumentException("herald.channels.sms.rates.* must be above 0 messages a second");
        }
        this.twilio = twilio;
        this.longCode = longCode;
        this.tollFree = tollFree;
        this.shortCode = shortCode;
        this.clock = clock;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.sql = sql;
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
        double rate = rateOf(sender);
        long nowMicros = ChronoUnit.MICROS.between(Instant.EPOCH, clock.instant());
        // a token's time, rounded up so that rounding never sends faster than the rate
        long tokenMicros = (long) Math.ceil(MICROS_A_SECOND / rate);
        long cost = segments * tokenMicros;
        // the bucket holds max(1, rate) tokens: the message's first token is there once the bucket, as it was before
        // this message took from it, lacks no more than the other tokens' time
        long burst = (long) ((Math.max(1, rate) - 1) * tokenMicros);
        long goAt = take(sender, nowMicros, cost) - cost - burst;
        return goAt <= nowMicros ? 0 : (goAt - nowMicros + 999) / 1000;
    }

    /** Segments a second for this sending number. */
    double rateOf(String sender) {
        if (SHORT_CODE.matcher(sender).matches()) {
            return shortCode;
        }
        return TOLL_FREE.matcher(sender).matches() ? tollFree : longCode;
    }

    /**
     * Moves the moment the sender's bucket is full again on by {@code costMicros}, from now when it is full already,
     * and answers the new moment.
     */
    private long take(String sender, long nowMicros, long costMicros) {
        MapSqlParameterSource params = new MapSqlParameterSource("sender", sender).addValue("nowMicros", nowMicros)
                .addValue("costMicros", costMicros);
        Long taken = transactions.execute(status -> jdbc.update(sql.get("sms/update-sender-rate"), params) == 0 ? null
                : jdbc.queryForObject(sql.get("sms/find-sender-rate"), params, Long.class));
        if (taken != null) {
            return taken;
        }
        long fullAt = nowMicros + costMicros;
        try {
            // outside a transaction: on PostgreSQL a failed insert would abort it
            jdbc.update(sql.get("sms/insert-sender-rate"), params.addValue("fullAtMicros", fullAt));
            return fullAt;
        } catch (DuplicateKeyException sentElsewhere) {
            return take(sender, nowMicros, costMicros);
        }
    }
}
