package io.herald.support;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.component.kafka.consumer.KafkaManualCommit;

/**
 * The batches of the Kafka consumer routes ({@code batching=true}): the records of a poll go through a route together,
 * each record through the same steps as before, and the batch ends with one wait for every record it published and
 * one commit of its offsets.
 *
 * <ol>
 *   <li>{@link #open} keeps each partition's last record, for the commit, and opens the batch's outbox;</li>
 *   <li>{@link #records} gives the records to a {@code split}, as messages with their Kafka headers, so that a
 *       failing record is retried and dead-lettered with its own payload by the route's error handler, and the rest
 *       of the batch goes on;</li>
 *   <li>a record's step that publishes calls {@link #collect} in place of its {@code to kafka:}, when an outbox is
 *       open: nothing waits for an acknowledgement per record;</li>
 *   <li>{@link #outbound} hands everything collected to one {@code to kafka:}, which sends it asynchronously and
 *       completes when Kafka acknowledged every record (acks=all);</li>
 *   <li>{@link #commit} then commits, per partition, the offset after the batch's last record.</li>
 * </ol>
 *
 * <p>A batch whose outbox could not be sent fails as a whole, before its commit: its records are polled again, and
 * what they had already done is recognized (the events' fingerprints, the attempts' states). The consumer's own
 * auto-commit is off (application.yaml), so nothing else commits a record that was only polled.
 */
public class KafkaBatches {

    private static final String OUTBOX = Names.Property.BATCH_OUTBOX;
    private static final String COMMITS = Names.Property.BATCH_COMMITS;

    /** Notes what the batch will commit and opens its outbox. */
    public void open(Exchange batch) {
        Map<String, KafkaManualCommit> last = new LinkedHashMap<>();
        for (Exchange record : recordsOf(batch)) {
            Message message = record.getMessage();
            KafkaManualCommit commit = message.getHeader(KafkaConstants.MANUAL_COMMIT, KafkaManualCommit.class);
            if (commit == null) {
                throw new IllegalStateException("a batch record without its manual commit: the route needs "
                        + "allowManualCommit and auto-commit off (camel.component.kafka.*)");
            }
            last.put(message.getHeader(KafkaConstants.TOPIC) + "-" + message.getHeader(KafkaConstants.PARTITION),
                    commit);
        }
        batch.setProperty(COMMITS, List.copyOf(last.values()));
        batch.setProperty(OUTBOX, new ConcurrentLinkedQueue<Message>());
    }

    /** The batch's records, each as the message it arrived as (body and Kafka headers), for a {@code split}. */
    public List<Message> records(Exchange batch) {
        List<Message> records = new ArrayList<>();
        for (Exchange record : recordsOf(batch)) {
            records.add(record.getMessage());
        }
        return records;
    }

    /**
     * Keeps the message in hand (its body, key and headers as they are now) to publish on {@code topic} at the end of
     * the batch.
     */
    public void collect(Exchange exchange, String topic) {
        Message copy = exchange.getMessage().copy();
        copy.setHeader(KafkaConstants.OVERRIDE_TOPIC, topic);
        outboxOf(exchange).add(copy);
    }

    /** What the batch collected, in the order it was collected, as one body for {@code to kafka:}; emptied. */
    public List<Message> outbound(Exchange batch) {
        Queue<Message> outbox = outboxOf(batch);
        List<Message> messages = new ArrayList<>(outbox);
        outbox.clear();
        return messages;
    }

    /** Commits, per partition, the offset after the batch's last record, once everything it published is acknowledged. */
    public void commit(Exchange batch) {
        @SuppressWarnings("unchecked")
        List<KafkaManualCommit> commits = batch.getProperty(COMMITS, List.class);
        if (commits == null) {
            throw new IllegalStateException("commit without open: the batch route must open its batch first");
        }
        commits.forEach(KafkaManualCommit::commit);
        batch.removeProperty(COMMITS);
    }

    /**
     * The Kafka record a message came from, {@code <topic>-<partition>@<offset>#<timestamp>} (the timestamp tells a
     * record from the one at the same offset of a topic created again), or null for a message that did not come from
     * Kafka.
     */
    public static String recordId(Message message) {
        Object topic = message.getHeader(KafkaConstants.TOPIC);
        Object offset = message.getHeader(KafkaConstants.OFFSET);
        return topic == null || offset == null ? null : topic + "-" + message.getHeader(KafkaConstants.PARTITION)
                + "@" + offset + "#" + message.getHeader(KafkaConstants.TIMESTAMP);
    }

    /** The records of a batch's exchange, each an exchange of its own (camel-kafka's {@code batching=true}). */
    @SuppressWarnings("unchecked")
    public static List<Exchange> recordsOf(Exchange batch) {
        List<Exchange> records = batch.getMessage().getBody(List.class);
        return records == null ? List.of() : records;
    }

    @SuppressWarnings("unchecked")
    private static Queue<Message> outboxOf(Exchange exchange) {
        Queue<Message> outbox = exchange.getProperty(OUTBOX, Queue.class);
        if (outbox == null) {
            throw new IllegalStateException("no batch outbox is open on this exchange");
        }
        return outbox;
    }
}
