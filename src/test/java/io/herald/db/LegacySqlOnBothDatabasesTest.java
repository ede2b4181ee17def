package io.herald.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The legacy intake's SQL (src/main/resources/sql/legacy/) through camel-sql, as the route erp-order-statuses-intake
 * runs it, on the databases a legacy ERP is likely to have and Herald ships drivers for: PostgreSQL (zonky's embedded
 * binaries) and H2. The table is the example one of docs/sources/erp-orders.md.
 */
class LegacySqlOnBothDatabasesTest {

    private static EmbeddedPostgres postgres;

    @BeforeAll
    static void start() throws IOException {
        postgres = EmbeddedPostgres.builder().start();
    }

    @AfterAll
    static void stop() throws IOException {
        postgres.close();
    }

    static Stream<String> databases() {
        return Stream.of("postgresql", "h2");
    }

    private static DataSource dataSource(String database) {
        if (database.equals("postgresql")) {
            return postgres.getPostgresDatabase();
        }
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:legacy-sql-test;DB_CLOSE_DELAY=-1");
        return h2;
    }

    @ParameterizedTest
    @MethodSource("databases")
    void newRowsAreReadOldestFirstAsTheMappingsFieldsAndMarkedOnce(String database) throws Exception {
        DataSource dataSource = dataSource(database);
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        jdbc.execute("DROP TABLE IF EXISTS legacy_order_status");
        try (var in = getClass().getResourceAsStream("/legacy/legacy_order_status.sql")) {
            jdbc.execute(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        LocalDateTime changed = LocalDateTime.of(2025, 4, 2, 10, 30);
        jdbc.update("INSERT INTO legacy_order_status (id, order_id, status, changed_at, email) VALUES (2, 'ERP-2', "
                + "'PAID', ?, 'a@example.com')", changed.plusHours(1));
        jdbc.update("INSERT INTO legacy_order_status (id, order_id, status, changed_at) VALUES (1, 'ERP-1', 'NEW', ?)",
                changed);
        jdbc.update("INSERT INTO legacy_order_status (id, order_id, status, changed_at, herald_state) "
                + "VALUES (3, 'ERP-3', 'NEW', ?, 'CONSUMED')", changed);

        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            camel.getRegistry().bind("legacyDataSource", dataSource);
            camel.start();
            ProducerTemplate template = camel.createProducerTemplate();

            List<Map<String, Object>> rows = template.requestBody(
                    "sql:classpath:sql/legacy/select-order-statuses.sql?dataSource=#legacyDataSource", null, List.class);

            assertThat(rows).extracting(r -> r.get("orderId")).containsExactly("ERP-1", "ERP-2");
            assertThat(rows.get(0)).containsOnlyKeys("id", "orderId", "status", "changedAt", "customerId",
                    "customerName", "email", "phone", "locale", "notify");
            assertThat(rows.get(0).get("changedAt").toString()).startsWith("2025-04-02 10:30:00");

            mark(template, camel, "mark-order-status-consumed", 1, null);
            mark(template, camel, "mark-order-status-failed", 2, "INVALID_EVENT: Event 0: order.status is missing");
            mark(template, camel, "mark-order-status-consumed", 2, null);
        }

        assertThat(jdbc.queryForList("SELECT id, herald_state, herald_reason FROM legacy_order_status ORDER BY id"))
                .extracting(r -> List.of(r.get("id").toString(), String.valueOf(r.get("herald_state")),
                        String.valueOf(r.get("herald_reason"))))
                .containsExactly(
                        List.of("1", "CONSUMED", "null"),
                        List.of("2", "FAILED", "INVALID_EVENT: Event 0: order.status is missing"),
                        List.of("3", "CONSUMED", "null"));
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM legacy_order_status WHERE herald_marked_at IS NULL "
                + "AND herald_state IS NOT NULL AND id < 3", Integer.class)).isZero();
    }

    private static void mark(ProducerTemplate template, DefaultCamelContext camel, String query, long id,
                             String reason) {
        Exchange exchange = new DefaultExchange(camel);
        exchange.setProperty("heraldRowId", id);
        exchange.setProperty("heraldRowReason", reason);
        Exchange done = template.send("sql:classpath:sql/legacy/" + query + ".sql?dataSource=#legacyDataSource",
                exchange);
        assertThat(done.getException()).isNull();
    }
}
