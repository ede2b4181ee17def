package io.herald.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.herald.UpsTrackingNumbers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** The legacy ways in: a file dropped in the inbox, a record on a per-source topic, a row in a legacy table. */
class LegacyIntakeIT extends HeraldIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final String HEADER = "eventId,event,occurredAt,timezone,orderId,carrier,trackingNumber,"
            + "estimatedDelivery,city,region,country,description,reason";

    /** Names files and ids of this run, so files left by an earlier run in target/ never satisfy a check. */
    private final String run = UUID.randomUUID().toString().substring(0, 8).toUpperCase();
    private final JdbcTemplate legacy = new JdbcTemplate(new DriverManagerDataSource(LEGACY_URL));

    @Test
    void csvFileDroppedInTheInboxNotifiesTheCustomerAndMovesToDone() throws IOException {
        String email = "file.drop." + run.toLowerCase() + "@example.com";
        String orderId = "SO-FD-" + run;
        String tracking = UpsTrackingNumbers.of("FD00000" + run);
        assertThat(post("/api/v1/intake/oms", SamplePayloads.omsOrder(orderId, "C-FD-" + run, email,
                "+4915112340030", "en", "email", 40)).statusCode()).isEqualTo(202);

        Path file = drop("wms-csv", "shipments-" + run + ".csv", "\uFEFF" + HEADER + "\r\n"
                + "wms-fd-1,SHIPPED," + SamplePayloads.at(20) + ",," + orderId + ",UPS," + tracking
                + ",,Leipzig,SN,DE,\"Handed over, dock 4\",\r\n");

        await().atMost(WAIT).until(() -> mailsTo(email).size() == 2);
        assertThat(notificationsOf(orderId)).extracting(n -> n.get("TYPE"))
                .containsExactlyInAnyOrder("order_confirmed", "shipped");
        assertThat(jdbc.queryForObject("SELECT status FROM shipment WHERE tracking_number = ?", String.class,
                tracking)).isEqualTo("IN_TRANSIT");
        await().atMost(WAIT).until(() -> Files.exists(file.resolveSibling("done").resolve(file.getFileName())));
        assertThat(file).doesNotExist();
        assertThat(file.resolveSibling("error").resolve(file.getFileName())).doesNotExist();
    }

    @Test
    void fixedWidthFileDroppedInTheInboxConfirmsTheOrder() throws Exception {
        String email = "fixed.width." + run.toLowerCase() + "@example.com";
        String orderId = "EF-" + run;
        String changedAt = LocalDateTime.now(ZoneId.of("Europe/Berlin")).minusMinutes(5)
                .format(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss"));
        String line = String.format("%-12s%-12s%-19s%-12s%-40s%-5s", orderId, "NEW", changedAt, "KF-" + run, email,
                "EMAIL");

        Path file = drop("erp-fixed", "orders-" + run + ".txt", line + "\n");

        await().atMost(WAIT).until(() -> mailsTo(email).size() == 1);
        assertThat(mailsTo(email).get(0).getSubject()).isEqualTo("Your order " + orderId + " is confirmed");
        await().atMost(WAIT).until(() -> Files.exists(file.resolveSibling("done").resolve(file.getFileName())));
    }

    @Test
    void dryRunReadsASourcesCsv() throws Exception {
        String tracking = UpsTrackingNumbers.of("DRYRUN0" + run);
        String csv = HEADER + "\r\nwms-dr-1,SHIPPED,2025-03-03T16:42:00+01:00,,SO-DR,UPS," + tracking
                + ",,Leipzig,,DE,,\r\n";

        var answer = post("/api/v1/normalize/wms-csv", csv);

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(answer.body()).contains("\"trackingNumber\":\"" + tracking + "\"").contains("\"source\":\"wms-csv\"");
        assertThat(post("/api/v1/normalize/wms-csv", HEADER + "\nwms-dr-2,\"open\n").statusCode()).isEqualTo(400);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM shipment WHERE tracking_number = ?", Integer.class,
                tracking)).isZero();
    }

    @Test
    void fileWithARefusedRecordGoesToErrorWithItsReasonAndTheMendedFileCanBeDroppedAgain() throws IOException {
        String tracking = UpsTrackingNumbers.of("MX00000" + run);
        String typo = tracking.substring(0, 17) + (char) ('0' + (tracking.charAt(17) - '0' + 1) % 10);
        String packed = "wms-mx-1-" + run + ",PACKED," + SamplePayloads.at(30) + ",,,UPS," + tracking
                + ",,Leipzig,,DE,,\n";
        String shippedWithTypo = "wms-mx-2-" + run + ",SHIPPED," + SamplePayloads.at(20) + ",,,UPS," + typo
                + ",,Leipzig,,DE,,\n";
        String name = "mixed-" + run + ".csv";
        Path file = drop("wms-csv", name, HEADER + "\n" + packed + shippedWithTypo);

        Path reasonFile = file.resolveSibling("error").resolve(name + ".reason.txt");
        await().atMost(WAIT).until(() -> Files.exists(file.resolveSibling("error").resolve(name))
                && Files.exists(reasonFile));
        assertThat(Files.readString(reasonFile)).contains("records: 2, published: 1, refused: 1")
                .contains("record 2: INVALID_TRACKING_NUMBER").contains("check digit")
                .doesNotContain("\tat ").doesNotContain("Exception");
        assertThat(file.resolveSibling("done").resolve(name)).doesNotExist();
        await().atMost(WAIT).until(() -> "INFO_RECEIVED".equals(statusOf(tracking)));
        assertThat(intakeFailuresWith("wms-mx-2-" + run)).singleElement().satisfies(f -> {
            assertThat(f.get("SOURCE")).isEqualTo("wms-csv");
            assertThat(f.get("REASON_CODE")).isEqualTo("INVALID_TRACKING_NUMBER");
            assertThat((String) f.get("PAYLOAD")).startsWith(HEADER).doesNotContain("wms-mx-1-" + run);
        });

        drop("wms-csv", name, HEADER + "\n" + packed + shippedWithTypo.replace(typo, tracking));

        await().atMost(WAIT).until(() -> Files.exists(file.resolveSibling("done").resolve(name)));
        await().atMost(WAIT).until(() -> "IN_TRANSIT".equals(statusOf(tracking)));
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM timeline WHERE subject_key = ?", Integer.class,
                "shipment:ups:" + tracking)).as("the PACKED event dropped again is not recorded twice").isEqualTo(2);
    }

    private String statusOf(String tracking) {
        List<String> status = jdbc.queryForList("SELECT status FROM shipment WHERE tracking_number = ?", String.class,
                tracking);
        return status.isEmpty() ? null : status.get(0);
    }

    @Test
    void unreadableFileAndFileOfAnUnknownSourceGoToErrorWhole() throws IOException {
        Path broken = drop("wms-csv", "broken-" + run + ".csv",
                HEADER + "\nwms-br-" + run + ",SHIPPED,\"never closed\n");
        Path unknown = drop("no-such-source", "records-" + run + ".json", "{\"id\": 1}");

        for (Path file : List.of(broken, unknown)) {
            Path reasonFile = file.resolveSibling("error").resolve(file.getFileName() + ".reason.txt");
            await().atMost(WAIT).until(() -> Files.exists(reasonFile)
                    && Files.exists(file.resolveSibling("error").resolve(file.getFileName())));
        }
        assertThat(Files.readString(broken.resolveSibling("error").resolve(broken.getFileName() + ".reason.txt")))
                .contains("source: wms-csv").contains("refused: UNPARSEABLE").contains("never closed");
        assertThat(Files.readString(unknown.resolveSibling("error").resolve(unknown.getFileName() + ".reason.txt")))
                .contains("refused: UNKNOWN_SOURCE");
        assertThat(intakeFailuresWith("wms-br-" + run)).singleElement().satisfies(f -> {
            assertThat(f.get("SOURCE")).isEqualTo("wms-csv");
            assertThat(f.get("REASON_CODE")).isEqualTo("UNPARSEABLE");
        });
    }

    @Test
    void recordOnThePerSourceTopicIsTakenInAndATopicWithoutMappingIsRefused() throws Exception {
        String orderId = "SO-KT-" + run;
        createTopics("herald.in.oms", "herald.in.no-mapping");

        publish("herald.in.oms", orderId, SamplePayloads.omsOrder(orderId, "C-KT-" + run,
                "kafka.topic." + run.toLowerCase() + "@example.com", "+4915112340031", "en", "email", 15));
        publish("herald.in.no-mapping", "x", "{\"id\": \"" + run + "\"}");

        await().atMost(WAIT).until(() -> jdbc.queryForObject(
                "SELECT COUNT(*) FROM customer_order WHERE order_id = ?", Integer.class, orderId) == 1);
        await().atMost(WAIT).until(() -> intakeFailuresWith(run).stream().anyMatch(f ->
                "no-mapping".equals(f.get("SOURCE")) && "UNKNOWN_SOURCE".equals(f.get("REASON_CODE"))));
    }

    /** A record that is not UTF-8 is refused and kept with the bytes it came with, as an HTTP body is. */
    @Test
    void recordOnAnIntakeTopicThatIsNotUtf8IsRefusedAndKeptWithItsOriginalBytes() throws Exception {
        createTopics("herald.in.oms");
        String marker = "kt-latin1-" + run;
        byte[] oms = concat(("{\"eventId\": \"" + marker + "\", \"eventType\": \"order.created\", "
                + "\"order\": {\"orderId\": \"SO-Andr").getBytes(StandardCharsets.UTF_8), new byte[] {(byte) 0xE9},
                "\"}}".getBytes(StandardCharsets.UTF_8));
        byte[] wms = concat(("{\"eventId\": \"" + marker + "-wms\", \"trackingNumber\": \"Z").getBytes(
                StandardCharsets.UTF_8), new byte[] {(byte) 0xFF}, "\"}".getBytes(StandardCharsets.UTF_8));

        publishBytes("herald.in.oms", oms);
        publishBytes("herald.in.wms.shipments", wms);

        for (byte[] sent : List.of(oms, wms)) {
            await().atMost(WAIT).until(() -> jdbc.queryForList("SELECT reason_code, payload FROM intake_failure")
                    .stream().anyMatch(row -> Arrays.equals((byte[]) row.get("PAYLOAD"), sent)
                            && "INVALID_ENCODING".equals(row.get("REASON_CODE"))));
        }
    }

    private void publishBytes(String topic, byte[] value) throws Exception {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props)) {
            producer.send(new ProducerRecord<>(topic, run, value)).get();
        }
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    @Test
    void legacyRowIsConsumedAndMarkedAndABadRowIsMarkedFailedAndKept() throws Exception {
        String email = "legacy.row." + run.toLowerCase() + "@example.com";
        String orderId = "ERP-" + run;
        long goodId = Math.abs((long) run.hashCode()) * 10;
        long badId = goodId + 1;
        LocalDateTime berlinNow = LocalDateTime.now(ZoneId.of("Europe/Berlin")).truncatedTo(ChronoUnit.SECONDS);
        legacy.update("INSERT INTO legacy_order_status (id, order_id, status, changed_at, customer_id, customer_name, "
                + "email, phone, locale, notify) VALUES (?, ?, 'NEW', ?, ?, 'Jan de Vries', ?, NULL, 'en', 'EMAIL')",
                goodId, orderId, berlinNow.minusMinutes(10), "K-" + run, email);
        legacy.update("INSERT INTO legacy_order_status (id, order_id, status, changed_at) VALUES (?, ?, 'ZZ', ?)",
                badId, orderId + "-BAD", berlinNow.minusMinutes(5));

        await().atMost(WAIT).until(() -> mailsTo(email).size() == 1);
        assertThat(mailsTo(email).get(0).getSubject()).isEqualTo("Your order " + orderId + " is confirmed");
        await().atMost(WAIT).until(() -> "CONSUMED".equals(stateOf(goodId)) && "FAILED".equals(stateOf(badId)));
        assertThat(legacy.queryForObject("SELECT herald_reason FROM legacy_order_status WHERE id = ?", String.class,
                badId)).startsWith("INVALID_EVENT: ").contains("order.status");
        assertThat(legacy.queryForObject("SELECT herald_marked_at FROM legacy_order_status WHERE id = ?",
                java.sql.Timestamp.class, goodId)).isNotNull();
        assertThat(intakeFailuresWith(orderId + "-BAD")).singleElement().satisfies(f -> {
            assertThat(f.get("SOURCE")).isEqualTo("erp-orders");
            assertThat(f.get("REASON_CODE")).isEqualTo("INVALID_EVENT");
        });
    }

    private String stateOf(long id) {
        return legacy.queryForObject("SELECT herald_state FROM legacy_order_status WHERE id = ?", String.class, id);
    }

    /** Drops a file as a careful sender does: written under a .tmp name, then renamed into place. */
    private static Path drop(String source, String name, String content) throws IOException {
        Path folder = Path.of(INBOX, source);
        Files.createDirectories(folder);
        Path partial = folder.resolve(name + ".tmp");
        Files.writeString(partial, content, StandardCharsets.UTF_8);
        return Files.move(partial, folder.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }
}
