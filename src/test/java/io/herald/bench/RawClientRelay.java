package io.herald.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The raw-client baseline (docs/benchmarks.md): a plain {@link KafkaConsumer} and {@link KafkaProducer} that move
 * records from one topic to another in batches, on one thread. Per poll: every record is sent asynchronously
 * (acks=all), {@code flush()} waits once for every acknowledgement, and only then are the consumer's
 * offsets for the records polled committed ({@code commitSync}). So it is at-least-once, as Herald must be, with no
 * work per record beyond the copy: the most a consumer-to-producer hop can do on this broker.
 */
final class RawClientRelay implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(100);

    private final KafkaConsumer<String, String> consumer;
    private final KafkaProducer<String, String> producer;
    private final String in;
    private final String out;
    private final Thread thread;
    private final AtomicLong moved = new AtomicLong();
    private final AtomicLong lastMovedAt = new AtomicLong();
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    private volatile boolean running = true;

    /** Starts relaying at once, from the earliest offset the group has not committed. */
    RawClientRelay(String bootstrapServers, String in, String out, String groupId) {
        this.in = in;
        this.out = out;
        this.consumer = new KafkaConsumer<>(consumerProperties(bootstrapServers, groupId));
        this.producer = new KafkaProducer<>(producerProperties(bootstrapServers));
        this.thread = new Thread(this::relay, "benchmark-raw-relay");
        thread.setDaemon(true);
        thread.start();
    }

    static Properties consumerProperties(String bootstrapServers, String groupId) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        return props;
    }

    static Properties producerProperties(String bootstrapServers) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        // not idempotent, like the feeder: on a topic the broker had just created, an idempotent producer was seen to
        // resend a batch with sequence 0 for ever (OutOfOrderSequenceException), and flush() never returned. The
        // baseline counts acknowledged records; a duplicate from a retry would only flatter it by that record
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "false");
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        return props;
    }

    /** Records whose acknowledgement arrived and whose offsets were committed; throws if the relay failed. */
    long moved() {
        Exception failed = failure.get();
        if (failed != null) {
            throw new IllegalStateException("The raw-client relay failed: " + failed, failed);
        }
        return moved.get();
    }

    /** When the acknowledgement of the latest batch counted in {@link #moved()} arrived (epoch ms). */
    long lastMovedAt() {
        return lastMovedAt.get();
    }

    private void relay() {
        try {
            consumer.subscribe(List.of(in));
            while (running) {
                ConsumerRecords<String, String> records = consumer.poll(POLL);
                if (records.isEmpty()) {
                    continue;
                }
                List<Future<RecordMetadata>> sends = new ArrayList<>(records.count());
                Map<TopicPartition, OffsetAndMetadata> next = new HashMap<>();
                for (ConsumerRecord<String, String> record : records) {
                    sends.add(producer.send(new ProducerRecord<>(out, record.key(), record.value())));
                    next.put(new TopicPartition(record.topic(), record.partition()),
                            new OffsetAndMetadata(record.offset() + 1));
                }
                producer.flush();
                for (Future<RecordMetadata> send : sends) {
                    send.get(); // done after flush(); throws if the broker refused the record
                }
                long acknowledgedAt = System.currentTimeMillis();
                consumer.commitSync(next);
                lastMovedAt.set(acknowledgedAt);
                moved.addAndGet(records.count());
            }
        } catch (WakeupException e) {
            if (running) {
                failure.set(e);
            }
        } catch (ExecutionException e) {
            failure.set(e.getCause() instanceof Exception cause ? cause : e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure.set(e);
        } catch (RuntimeException e) {
            failure.set(e);
        } finally {
            consumer.close();
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        thread.join(Duration.ofSeconds(30).toMillis());
        producer.close();
    }
}
