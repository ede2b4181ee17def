package io.herald.channel;

import static org.assertj.core.api.Assertions.assertThat;

import io.herald.MovableClock;
import io.herald.channel.twilio.TwilioMessages;
import io.herald.db.BothDatabases;
import io.herald.support.SqlFiles;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A Twilio sender's token bucket, a row of {@code sms_sender_rate} on PostgreSQL and H2: its rate by kind of number,
 * a token per segment, a second's burst, and one rate for every instance that sends from the number.
 */
class SenderRatesOnBothDatabasesTest {

    private static final String LONG_CODE = "+15005550006";

    @RegisterExtension
    static final BothDatabases.Migrated DATABASES = BothDatabases.migrated();
    private static final CamelContext CAMEL = new DefaultCamelContext();

    private final MovableClock clock = new MovableClock(Instant.parse("2026-11-29T10:00:00Z"));
    private final List<Duration> waits = new ArrayList<>();

    static List<BothDatabases.Database> databases() {
        return DATABASES.all();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void longCodeSendsOneASecondAndWhatExceedsWaitsItsTurn(BothDatabases.Database database) {
        SenderRates rates = rates(database);
        for (int i = 0; i < 4; i++) {
            take(rates, sms(LONG_CODE));
        }
        clock.advance(Duration.ofMillis(500));
        take(rates, sms(LONG_CODE));

        assertThat(waits).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(3),
                Duration.ofMillis(3500));
    }

    @ParameterizedTest
    @MethodSource("databases")
    void tollFreeSendsThreeASecondAndAQuietSenderMaySendASecondsWorthAtOnce(BothDatabases.Database database) {
        SenderRates rates = rates(database);
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

    @ParameterizedTest
    @MethodSource("databases")
    void eachSenderHasItsOwnBucketAndAShortCodeSendsAHundredASecond(BothDatabases.Database database) {
        SenderRates rates = rates(database);
        for (int i = 0; i < 100; i++) {
            take(rates, sms("12345"));
        }
        take(rates, sms(LONG_CODE));
        take(rates, sms("12345"));

        assertThat(waits).containsExactly(Duration.ofMillis(10));
        assertThat(rates.rateOf("12345")).isEqualTo(100);
        assertThat(rates.rateOf("+18005550100")).isEqualTo(3);
        assertThat(rates.rateOf("+4915112340000")).isEqualTo(1);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aMessageTakesATokenPerSegment(BothDatabases.Database database) {
        SenderRates rates = rates(database);
        take(rates, sms(LONG_CODE, "x".repeat(200)));
        take(rates, sms(LONG_CODE, "short"));

        assertThat(waits).as("two segments at one a second: the next message waits for the second one's token")
                .containsExactly(Duration.ofSeconds(2));
    }

    @ParameterizedTest
    @MethodSource("databases")
    void twoInstancesSendingFromOneNumberKeepToItsRateTogether(BothDatabases.Database database) {
        SenderRates first = rates(database);
        SenderRates second = rates(database);
        take(first, sms(LONG_CODE));
        take(second, sms(LONG_CODE));
        take(first, sms(LONG_CODE));

        assertThat(waits).as("one long code's one segment a second, whichever instance sends")
                .containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
    }

    @ParameterizedTest
    @MethodSource("databases")
    void concurrentHandOffsOnTwoInstancesEachGetATurnOfTheirOwn(BothDatabases.Database database) throws Exception {
        SenderRates first = rates(database);
        SenderRates second = rates(database);
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Long>> handOffs = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                SenderRates instance = i % 2 == 0 ? first : second;
                handOffs.add(() -> instance.delayOf(sms(LONG_CODE)));
            }
            List<Long> delays = new ArrayList<>();
            for (Future<Long> delay : threads.invokeAll(handOffs)) {
                delays.add(delay.get());
            }

            assertThat(delays).as("200 messages from one long code, taken at one instant: a second apart, none twice")
                    .containsExactlyInAnyOrderElementsOf(LongStream.range(0, 200).map(s -> s * 1000).boxed().toList());
        } finally {
            threads.shutdownNow();
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void onlyTwilioMessagesChannelUriHasRatesAndTheLocalOutboxReadsNothing(BothDatabases.Database database) {
        rates(database);
        SenderRates twilio = new SenderRates(TwilioMessages.CHANNEL_URI, 1, 3, 100, clock, database.jdbc(),
                transactions(database), new SqlFiles());
        SenderRates local = new SenderRates("bean:localSmsOutbox?method=send", 1, 3, 100, clock, database.jdbc(),
                transactions(database), new SqlFiles());
        for (int i = 0; i < 2; i++) {
            take(local, sms("+15005550007"));
            take(twilio, sms(LONG_CODE));
        }

        assertThat(waits).containsExactly(Duration.ofSeconds(1));
        assertThat(database.jdbc().getJdbcTemplate().queryForList("SELECT sender FROM sms_sender_rate", String.class))
                .containsExactly(LONG_CODE);
    }

    /** An instance's rates (Twilio's), on a table emptied of the earlier tests' senders. */
    private SenderRates rates(BothDatabases.Database database) {
        database.jdbc().getJdbcTemplate().update("DELETE FROM sms_sender_rate");
        return new SenderRates(true, 1, 3, 100, clock, database.jdbc(), transactions(database), new SqlFiles());
    }

    private static TransactionTemplate transactions(BothDatabases.Database database) {
        return new TransactionTemplate(new DataSourceTransactionManager(database.dataSource()));
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
        Exchange exchange = new DefaultExchange(CAMEL);
        exchange.getMessage().setHeader(SmsMessages.FROM, from);
        exchange.getMessage().setHeader(SmsMessages.BODY, body);
        return exchange;
    }
}
