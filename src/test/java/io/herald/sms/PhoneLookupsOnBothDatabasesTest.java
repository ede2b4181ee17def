package io.herald.sms;

import static org.assertj.core.api.Assertions.assertThat;

import io.herald.db.BothDatabases;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;

/**
 * An inbound SMS is answered for the customers who have its number, and STATUS with their open shipments: on
 * PostgreSQL and H2 both find the number's customers, their orders and their shipments through indexes, as the
 * customer, order and shipment tables keep every one.
 */
class PhoneLookupsOnBothDatabasesTest {

    @RegisterExtension
    static final BothDatabases.Migrated DATABASES = BothDatabases.migrated();

    static List<BothDatabases.Database> databases() {
        return DATABASES.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aNumbersCustomersOrdersAndShipmentsAreFoundThroughIndexes(BothDatabases.Database database)
            throws SQLException {
        MapSqlParameterSource number = new MapSqlParameterSource().addValue("phone", "+4915112345678")
                .addValue("limit", 3);
        for (String statement : List.of("sms/find-phone-customers", "sms/list-open-shipments")) {
            String plan = database.planOf(statement, number);

            for (String table : List.of("customer", "customer_order", "shipment")) {
                if (database.vendor().equals("h2")) {
                    assertThat(plan).as(statement).doesNotContain("public." + table + ".tablescan");
                } else {
                    assertThat(plan).as(statement).doesNotContain("seq scan on " + table + " ");
                }
            }
        }
    }
}
