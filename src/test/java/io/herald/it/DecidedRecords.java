package io.herald.it;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePropertyKey;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.spi.CamelEvent.ExchangeEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Done when events-consume has decided {@code count} records of one subject (told by the Kafka key) <em>and</em> the
 * batches that held them have ended. A record's own exchange (a split's part) finishes before its batch's transaction
 * commits, so a test reading the database when the record is done could miss what the record wrote. Each record is
 * therefore counted when its batch's exchange, which ends after the commit and the batch's Kafka commit, completes.
 */
final class DecidedRecords extends EventNotifierSupport {

    private static final String ROUTE = "events-consume";

    private final CamelContext camel;
    private final String subject;
    private final int count;
    private final Map<String, AtomicInteger> inOpenBatches = new ConcurrentHashMap<>();
    private final AtomicInteger decided = new AtomicInteger();

    private DecidedRecords(CamelContext camel, String subject, int count) {
        this.camel = camel;
        this.subject = subject;
        this.count = count;
        setIgnoreCamelContextEvents(true);
        setIgnoreRouteEvents(true);
        setIgnoreServiceEvents(true);
        setIgnoreStepEvents(true);
        setIgnoreExchangeCreatedEvent(true);
        setIgnoreExchangeSendingEvents(true);
        setIgnoreExchangeSentEvents(true);
        setIgnoreExchangeRedeliveryEvents(true);
    }

    /** Starts counting now: create it before sending what the test waits for. */
    static DecidedRecords start(CamelContext camel, String subject, int count) {
        DecidedRecords records = new DecidedRecords(camel, subject, count);
        camel.getManagementStrategy().addEventNotifier(records);
        records.start();
        return records;
    }

    /** Whether the records were decided and their batches ended within the time; stops counting either way. */
    boolean matches(long timeout, TimeUnit unit) {
        try {
            Awaitility.await().atMost(timeout, unit).until(() -> decided.get() >= count);
            return true;
        } catch (ConditionTimeoutException e) {
            return false;
        } finally {
            camel.getManagementStrategy().removeEventNotifier(this);
            stop();
        }
    }

    @Override
    public boolean isEnabled(CamelEvent event) {
        return event instanceof CamelEvent.ExchangeCompletedEvent || event instanceof CamelEvent.ExchangeFailedEvent;
    }

    @Override
    public void notify(CamelEvent event) {
        Exchange exchange = ((ExchangeEvent) event).getExchange();
        if (!ROUTE.equals(exchange.getFromRouteId())) {
            return;
        }
        String batch = exchange.getProperty(ExchangePropertyKey.CORRELATION_ID, String.class);
        if (batch != null) {
            if (String.valueOf(exchange.getMessage().getHeader(KafkaConstants.KEY)).contains(subject)) {
                inOpenBatches.computeIfAbsent(batch, id -> new AtomicInteger()).incrementAndGet();
            }
        } else {
            AtomicInteger records = inOpenBatches.remove(exchange.getExchangeId());
            if (records != null) {
                decided.addAndGet(records.get());
            }
        }
    }
}
