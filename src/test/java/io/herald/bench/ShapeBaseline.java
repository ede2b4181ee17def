package io.herald.bench;

import io.herald.channel.SmsMessages;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.component.mail.MailConstants;
import org.apache.camel.model.dataformat.JsonLibrary;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * The pipeline's shape without Herald's work: the WMS records through the same three Kafka hops (intake, decide,
 * channels) as batch routes with Herald's batch settings, its {@code kafkaBatches} bean and {@code kafka-batch-end}
 * route (one send a batch, one wait for the acknowledgements, then the commit), each event making the notifications
 * Herald's workload makes for it (its order's customer: email, SMS or both), handed off concurrently on the channels'
 * own pools to the same local SMTP sink, through the same kept-alive connections, with the body of an email Herald
 * rendered, and to the local SMS outbox. Every record is parsed and written as JSON at each hop, as Herald's are. No
 * database, mapping, quality gates, rules, decisions or rendering: Herald's ratio to this is what its own work costs,
 * and this figure is the most a Herald of this shape could do on the machine.
 */
final class ShapeBaseline {

    static final String IN = "bench.shape.in";
    private static final String EVENTS = "bench.shape.events";
    private static final String EMAIL = "bench.shape.email";
    private static final String SMS = "bench.shape.sms";

    private final AtomicLong handedOff = new AtomicLong();
    private final AtomicLong lastHandedOffAt = new AtomicLong();

    /** Notifications handed to the sinks so far. */
    long handedOff() {
        return handedOff.get();
    }

    long lastHandedOffAt() {
        return lastHandedOffAt.get();
    }

    /**
     * Creates the topics (with Herald's partitions: a topic the broker creates on a first send can wedge an idempotent
     * producer) and adds the routes to Herald's CamelContext.
     */
    void install(CamelContext camel, String bootstrapServers, int partitions, String[] email) throws Exception {
        List<String> topics = List.of(IN, EVENTS, EMAIL, SMS);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            admin.createTopics(topics.stream().map(topic -> new NewTopic(topic, partitions, (short) 1)).toList())
                    .all().get();
        }
        String batches = "&autoOffsetReset=earliest&batching=true"
                + "&batchingIntervalMs={{herald.kafka.batch.interval-ms}}"
                + "&pollTimeoutMs={{herald.kafka.batch.poll-timeout-ms}}&maxPollRecords=";
        String stageBatches = batches + "{{herald.kafka.batch.max-records}}";
        String channelBatches = batches + "{{herald.channels.batch.max-records}}";
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("kafka:" + IN + "?groupId=bench-shape-intake" + stageBatches).routeId("shape-intake")
                        .bean("kafkaBatches", "open")
                        .split(method("kafkaBatches", "records"))
                            .unmarshal().json(JsonLibrary.Jackson, Map.class)
                            .marshal().json(JsonLibrary.Jackson)
                            .bean("kafkaBatches", "collect(${exchange}, '" + EVENTS + "')")
                        .end()
                        .to("direct:kafka-batch-end");

                from("kafka:" + EVENTS + "?groupId=bench-shape-decide" + stageBatches).routeId("shape-decide")
                        .bean("kafkaBatches", "open")
                        .split(method("kafkaBatches", "records"))
                            .unmarshal().json(JsonLibrary.Jackson, Map.class)
                            .process(exchange -> exchange.getMessage().setBody(notifications(exchange, email)))
                            .split(body())
                                .setHeader(KafkaConstants.KEY, simple("${body[id]}"))
                                .setHeader("benchShapeTopic", simple("${body[topic]}"))
                                .marshal().json(JsonLibrary.Jackson)
                                .bean("kafkaBatches", "collect(${exchange}, ${header.benchShapeTopic})")
                            .end()
                        .end()
                        .to("direct:kafka-batch-end");

                handOffs(EMAIL, "emailHandOffs", ShapeBaseline::mail,
                        "{{herald.channels.email.uri}}?javaMailSender=#keepAliveMailSender");
                handOffs(SMS, "smsHandOffs", ShapeBaseline::text, "bean:localSmsOutbox?method=send");
            }

            /** A channel's route: its batch's messages handed to {@code endpoint} concurrently on its pool. */
            private void handOffs(String topic, String pool, Processor prepare, String endpoint) {
                from("kafka:" + topic + "?groupId=" + topic + channelBatches).routeId(topic)
                        .bean("kafkaBatches", "open")
                        .split(method("kafkaBatches", "records")).parallelProcessing().executorService(pool)
                            .unmarshal().json(JsonLibrary.Jackson, Map.class)
                            .process(prepare)
                            .to(endpoint)
                            .process(exchange -> recordHandOff())
                        .end()
                        .to("direct:kafka-batch-end");
            }
        });
    }

    /** The notifications of one WMS record: those Herald's workload makes for its order's customer. */
    static List<Map<String, Object>> notifications(Exchange exchange, String[] email) {
        Map<?, ?> event = exchange.getMessage().getBody(Map.class);
        String order = (String) event.get("orderId");
        String tracking = (String) event.get("trackingNumber");
        String channels = BenchmarkWorkload.notify(Integer.parseInt(order.substring("BO-".length())));
        List<Map<String, Object>> out = new ArrayList<>(2);
        if (!channels.equals("sms")) {
            out.add(Map.of("topic", EMAIL, "id", tracking + "-email", "to", order + "@example.com",
                    "subject", email[0], "html", email[1], "text", email[2]));
        }
        if (!channels.equals("email")) {
            out.add(Map.of("topic", SMS, "id", tracking + "-sms", "to", "+4915112345678", "text", email[2]));
        }
        return out;
    }

    /** The mail headers and body Herald's email channel sets. */
    private static void mail(Exchange exchange) {
        Message message = exchange.getMessage();
        Map<?, ?> m = message.getBody(Map.class);
        message.removeHeaders("*");
        message.setHeader("To", m.get("to"));
        message.setHeader("From", "Herald <notifications@herald.local>");
        message.setHeader("Message-ID", "<" + m.get("id") + "@herald.local>");
        message.setHeader("Subject", m.get("subject"));
        message.setHeader(MailConstants.MAIL_ALTERNATIVE_BODY, m.get("text"));
        message.setHeader("Content-Type", "text/html; charset=UTF-8");
        message.setBody(m.get("html"));
    }

    /** The headers the local SMS outbox reads, as Herald's SMS channel sets them. */
    private static void text(Exchange exchange) {
        Message message = exchange.getMessage();
        Map<?, ?> m = message.getBody(Map.class);
        message.setHeader(SmsMessages.TO, m.get("to"));
        message.setHeader(SmsMessages.BODY, m.get("text"));
    }

    private void recordHandOff() {
        lastHandedOffAt.set(System.currentTimeMillis());
        handedOff.incrementAndGet();
    }
}
