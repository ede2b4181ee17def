package io.herald.faults;

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
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The fault run's traffic, as real sources send it: orders to the OMS webhook, then one WMS shipment per order, half
 * posted to the WMS webhook and half published on the WMS's Kafka topic. HTTP senders retry a payload until it gets a
 * 2xx, as webhook senders do (connection refused, 503 and other 5xx, 429); a 4xx is final and counted as refused. The
 * Kafka sender is an idempotent producer with acks=all that keeps retrying through a broker restart.
 *
 * <p>Customer {@code j} asks for email and SMS when {@code j % 3} is 0, email only when 1, SMS only when 2 (the
 * order's {@code notify}), and, when {@code j} is even, for push too (pushes are opt-in: a {@code PUT} of the
 * customer's preferences, as the app would make it, sent with the order). Orders are dated 40 days back, past
 * {@code herald.notifications.max-event-age}: they make the customer and order known but notify nobody, so each
 * shipment makes exactly the notifications of its customer's channels, once.
 */
final class FaultTraffic {

    private static final Duration RETRY_PAUSE = Duration.ofMillis(250);

    private final String tag;
    private final int orders;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();
    private final AtomicInteger retries = new AtomicInteger();
    private final Map<Integer, String> refusals = new ConcurrentHashMap<>();

    /** @param tag six letters or digits that make this run's ids, addresses and numbers its own */
    FaultTraffic(String tag, int orders) {
        if (!tag.matches("[0-9A-Za-z]{6}")) {
            throw new IllegalArgumentException("A run's tag is six letters or digits: " + tag);
        }
        this.tag = tag.toUpperCase();
        this.orders = orders;
    }

    int orders() {
        return orders;
    }

    static boolean wantsEmail(int j) {
        return j % 3 != 2;
    }

    static boolean wantsSms(int j) {
        return j % 3 != 1;
    }

    static boolean wantsPush(int j) {
        return j % 2 == 0;
    }

    String email(int j) {
        return "%s.%d@faults.example".formatted(tag.toLowerCase(), j);
    }

    /** A German mobile number of the run's own block, unique per customer. */
    String phone(int j) {
        return "+49151%d%06d".formatted(Math.floorMod(tag.hashCode(), 90) + 10, j);
    }

    String orderId(int j) {
        return "%s-O%06d".formatted(tag, j);
    }

    /** The customer's id, which their pushes go to. */
    String customerId(int j) {
        return orderId(j) + "-C";
    }

    String trackingNumber(int j) {
        return UpsTrackingNumbers.of(("F" + tag + "%08d").formatted(j));
    }

    private static String at(Duration ago) {
        return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS).minus(ago).toString();
    }

    String order(int j) {
        String notify = wantsEmail(j) && wantsSms(j) ? "both" : wantsEmail(j) ? "email" : "sms";
        return """
                {"eventId": "%1$s-order", "eventType": "order.created", "occurredAt": "%2$s",
                 "order": {"id": "%1$s", "status": "pending", "currency": "EUR", "total": 19.90,
                           "items": [{"sku": "MUG-1", "name": "Enamel mug", "quantity": 1}]},
                 "customer": {"id": "%6$s", "name": "Fault Run", "email": "%3$s", "phone": "%4$s",
                              "locale": "en", "timezone": "Europe/Berlin", "notify": "%5$s"}}
                """.formatted(orderId(j), at(Duration.ofDays(40)), email(j), phone(j), notify, customerId(j));
    }

    String shipped(int j) {
        return """
                {"eventId": "%1$s-shipped", "event": "SHIPPED", "occurredAt": "%2$s", "orderId": "%3$s",
                 "carrier": "UPS", "trackingNumber": "%1$s", "estimatedDelivery": "%4$s",
                 "location": {"facility": "DC Leipzig", "city": "Leipzig", "region": "SN", "country": "DE",
                              "timezone": "Europe/Berlin"},
                 "description": "Handed over to UPS"}
                """.formatted(trackingNumber(j), at(Duration.ofMinutes(5)), orderId(j),
                OffsetDateTime.now(ZoneOffset.UTC).plusDays(2).toLocalDate());
    }

    /**
     * Every order over HTTP, by four senders, each after its customer's choice of pushes when they want them; returns
     * once each was accepted or refused.
     */
    void sendOrders(Supplier<String> baseUrl) throws InterruptedException {
        List<Integer> all = new ArrayList<>();
        for (int j = 0; j < orders; j++) {
            all.add(j);
        }
        send(all, j -> {
            if (wantsPush(j)) {
                request(baseUrl, "PUT", "/api/v1/customers/" + customerId(j) + "/preferences",
                        "{\"channels\": {\"push\": true}}", j);
            }
            request(baseUrl, "POST", "/api/v1/intake/oms", order(j), j);
        }, 0);
    }

    /**
     * Every shipment, at about {@code rate} a second: even ones to the WMS webhook, odd ones on the WMS topic.
     * Returns once each was accepted or refused.
     */
    void sendShipments(Supplier<String> baseUrl, String bootstrapServers, String topic, int rate)
            throws InterruptedException {
        try (KafkaProducer<String, String> producer = producer(bootstrapServers)) {
            List<Integer> all = new ArrayList<>();
            for (int j = 0; j < orders; j++) {
                all.add(j);
            }
            send(all, j -> {
                if (j % 2 == 0) {
                    request(baseUrl, "POST", "/api/v1/intake/wms", shipped(j), 1_000_000 + j);
                } else {
                    publish(producer, topic, j);
                }
            }, rate);
            producer.flush();
        }
    }

    /** Shipments accepted so far (2xx, or acknowledged by the broker). */
    int accepted() {
        return accepted.get();
    }

    int refused() {
        return refused.get();
    }

    int retries() {
        return retries.get();
    }

    Map<Integer, String> refusals() {
        return refusals;
    }

    private void send(List<Integer> items, java.util.function.IntConsumer sender, int rate)
            throws InterruptedException {
        ExecutorService senders = Executors.newFixedThreadPool(4);
        try {
            long start = System.nanoTime();
            List<Future<?>> sent = new ArrayList<>();
            for (int i = 0; i < items.size(); i++) {
                if (rate > 0) {
                    long due = start + TimeUnit.SECONDS.toNanos(i) / rate;
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        TimeUnit.NANOSECONDS.sleep(wait);
                    }
                }
                int j = items.get(i);
                sent.add(senders.submit(() -> sender.accept(j)));
            }
            for (Future<?> future : sent) {
                try {
                    future.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    throw new IllegalStateException("A sender failed", e.getCause());
                }
            }
        } finally {
            senders.shutdownNow();
        }
    }

    /** Sends until a 2xx (accepted) or a 4xx other than 408 and 429 (refused), as a webhook sender does. */
    private void request(Supplier<String> baseUrl, String method, String path, String body, int key) {
        while (true) {
            try {
                HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl.get() + path))
                        .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(body)).build();
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                int status = response.statusCode();
                if (status >= 200 && status < 300) {
                    if (key >= 1_000_000) {
                        accepted.incrementAndGet();
                    }
                    return;
                }
                if (status >= 400 && status < 500 && status != 408 && status != 429) {
                    refused.incrementAndGet();
                    refusals.put(key, status + " " + response.body());
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while sending", e);
            } catch (Exception e) {
                // connection refused or reset while Herald is down or starting: try again, as a sender does
            }
            retries.incrementAndGet();
            try {
                Thread.sleep(RETRY_PAUSE.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while sending", e);
            }
        }
    }

    private void publish(KafkaProducer<String, String> producer, String topic, int j) {
        try {
            producer.send(new ProducerRecord<>(topic, trackingNumber(j), shipped(j))).get();
            accepted.incrementAndGet();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while publishing", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("The WMS topic did not take shipment " + j, e.getCause());
        }
    }

    private static KafkaProducer<String, String> producer(String bootstrapServers) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        // rides out a broker restart: the record waits in the producer and is sent again until the broker is back
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "600000");
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "600000");
        return new KafkaProducer<>(props);
    }
}
