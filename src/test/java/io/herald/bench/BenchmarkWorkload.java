package io.herald.bench;

import io.herald.UpsTrackingNumbers;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The benchmark's load: orders posted to the OMS intake (docs/sources/oms.md), then WMS shipment records
 * (docs/sources/wms.md) published on Kafka, as the WMS itself would.
 *
 * <p>Customer {@code j} asks for both channels when {@code j % 4} is 0 or 1, email only when it is 2 and SMS only
 * when it is 3; every fifth customer reads German. Orders are dated 40 days back, past
 * {@code herald.notifications.max-event-age}: they set up customer and order state but notify nobody, so the
 * measured round carries only the {@code shipped} notifications of its shipments.
 */
final class BenchmarkWorkload {

    /** One round of WMS records: the payloads, their keys, and when each was handed to the producer. */
    record Round(String name, List<String> keys, List<String> payloads, long[] producedAt, int notifications) {

        int size() {
            return keys.size();
        }

        /**
         * Lets the published payloads go: Herald shares this JVM's heap with the benchmark, and a 10,000-record
         * round's payloads are some 10 MB of its old generation for the whole round, which Herald would not hold.
         */
        void dropPayloads() {
            payloads.clear();
        }
    }

    private final int orders;

    BenchmarkWorkload(int orders) {
        this.orders = orders;
    }

    static String orderId(int j) {
        return "BO-%06d".formatted(j);
    }

    static String trackingNumber(String round, int i) {
        return UpsTrackingNumbers.of("BENCH" + round + "%09d".formatted(i));
    }

    /** The round's index of a shipment from its tracking number, or -1 for another round's. */
    static int indexOf(String round, String trackingNumber) {
        String prefix = "1ZBENCH" + round;
        return trackingNumber != null && trackingNumber.startsWith(prefix)
                ? Integer.parseInt(trackingNumber.substring(prefix.length(), prefix.length() + 9)) : -1;
    }

    /** How many notifications a shipment of order {@code j} makes: email, SMS, or both. */
    static int channelsOf(int j) {
        return j % 4 <= 1 ? 2 : 1;
    }

    /** What order {@code j}'s customer asked to be told by: {@code both}, {@code email} or {@code sms}. */
    static String notify(int j) {
        return switch (j % 4) {
            case 0, 1 -> "both";
            case 2 -> "email";
            default -> "sms";
        };
    }

    private static String at(Duration ago) {
        return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS).minus(ago).toString();
    }

    String omsOrder(int j) {
        return """
                {"eventId": "bench-order-%1$d", "eventType": "order.created", "occurredAt": "%2$s",
                 "order": {"id": "%3$s", "status": "pending", "currency": "EUR", "total": 42.50,
                           "items": [{"sku": "MUG-1", "name": "Enamel mug", "quantity": 2}]},
                 "customer": {"id": "BC-%1$06d", "name": "Ada Bench", "email": "customer%1$d@bench.example",
                              "phone": "+4915%1$09d", "locale": "%4$s", "timezone": "Europe/Berlin",
                              "notify": "%5$s"}}
                """.formatted(j, at(Duration.ofDays(40)), orderId(j), j % 5 == 0 ? "de-DE" : "en", notify(j));
    }

    /** A {@code SHIPPED} record of shipment {@code i} of a round, for order {@code i % orders}. */
    String wmsShipped(String round, int i) {
        return """
                {"eventId": "bench-%1$s-shipped", "event": "SHIPPED", "occurredAt": "%2$s", "orderId": "%3$s",
                 "carrier": "UPS", "trackingNumber": "%1$s", "estimatedDelivery": "%4$s",
                 "location": {"facility": "DC Leipzig", "city": "Leipzig", "region": "SN", "country": "DE",
                              "timezone": "Europe/Berlin"},
                 "description": "Handed over to UPS"}
                """.formatted(trackingNumber(round, i), at(Duration.ofMinutes(5)), orderId(i % orders),
                OffsetDateTime.now(ZoneOffset.UTC).plusDays(2).toLocalDate());
    }

    Round round(String name, int size) {
        List<String> keys = new ArrayList<>(size);
        List<String> payloads = new ArrayList<>(size);
        int notifications = 0;
        for (int i = 0; i < size; i++) {
            keys.add(trackingNumber(name, i));
            payloads.add(wmsShipped(name, i));
            notifications += channelsOf(i % orders);
        }
        return new Round(name, keys, payloads, new long[size], notifications);
    }

    /** Posts every order to the OMS intake, a few at a time, and fails unless each was accepted (202). */
    void seedOrders(int port) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        URI intake = URI.create("http://127.0.0.1:" + port + "/api/v1/intake/oms");
        Semaphore inFlight = new Semaphore(8);
        AtomicInteger refused = new AtomicInteger();
        List<CompletableFuture<?>> sent = new ArrayList<>(orders);
        for (int j = 0; j < orders; j++) {
            inFlight.acquire();
            HttpRequest request = HttpRequest.newBuilder(intake).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(omsOrder(j))).build();
            sent.add(http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> {
                inFlight.release();
                if (error != null || response.statusCode() != 202) {
                    refused.incrementAndGet();
                }
            }));
        }
        CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).exceptionally(e -> null).join();
        if (refused.get() > 0) {
            throw new IllegalStateException(refused.get() + " of " + orders + " orders were not accepted by the OMS intake");
        }
    }

    /**
     * Publishes a round on the topic, at {@code rate} records per second (0: as fast as the producer takes them),
     * and records when each record was handed over. The record's Kafka timestamp is that instant. At a rate, record
     * {@code i} is handed over no sooner than {@code i/rate} seconds after the first; a record that falls behind (the
     * thread was not scheduled in time) goes at once, so the round keeps the offered rate on average.
     */
    static void publish(String bootstrapServers, String topic, Round round, int rate) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        // The feeder is only a load generator. As an idempotent producer it could wedge under saturation: a batch
        // that expired was resent with sequence 0 for ever (OutOfOrderSequenceException from the broker), and the
        // round never ended. Herald deduplicates events anyway, and the baseline counts records, not unique ones.
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "false");
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "600000");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
            producer.partitionsFor(topic); // metadata first, so the first record does not wait for it
            // one clock for pacing and time stamps: the wall clock at the first record plus the monotonic time since
            long startMillis = 0;
            long start = 0;
            for (int i = 0; i < round.size(); i++) {
                long handedOver;
                if (i == 0) {
                    startMillis = System.currentTimeMillis();
                    start = System.nanoTime();
                    handedOver = start;
                } else {
                    // record i is due i/rate seconds after the first: evenly spaced, not a second's worth at once
                    long due = start + (rate > 0 ? dueNanos(i, rate) : 0);
                    handedOver = System.nanoTime();
                    while (handedOver - due < 0) {
                        LockSupport.parkNanos(due - handedOver);
                        handedOver = System.nanoTime();
                    }
                }
                long now = startMillis + TimeUnit.NANOSECONDS.toMillis(handedOver - start);
                round.producedAt()[i] = now;
                producer.send(new ProducerRecord<>(topic, null, now, round.keys().get(i), round.payloads().get(i)));
            }
            producer.flush();
        }
    }

    /** When record {@code i} is due at {@code rate} records per second, in ns after the first. */
    static long dueNanos(int i, int rate) {
        return TimeUnit.SECONDS.toNanos(i) / rate;
    }

    static void awaitTrue(String what, Duration timeout, Check check) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!check.done()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Timed out after " + timeout.toSeconds() + " s waiting for " + what);
            }
            TimeUnit.MILLISECONDS.sleep(20);
        }
    }

    @FunctionalInterface
    interface Check {
        boolean done() throws InterruptedException;
    }
}
