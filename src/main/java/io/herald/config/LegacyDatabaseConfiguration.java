package io.herald.config;

import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The legacy ERP intake (routes/intake/erp-order-statuses-intake.camel.yaml): its database, which the route polls as
 * {@code #legacyDataSource}, and its start.
 *
 * <p>The datasource is bound in Camel's registry only, not as a Spring {@link DataSource} bean, so Herald's own
 * database stays the one Spring Boot configures, injects and reports in {@code /actuator/health}. Its pool connects on
 * first use. The route does not start with Camel: it starts here only when {@code herald.legacy.enabled} is true, so
 * the default run never looks for a table that is not there.
 */
@Configuration(proxyBeanMethods = false)
class LegacyDatabaseConfiguration {

    static final String ROUTE_ID = "erp-order-statuses-intake";
    static final String DATA_SOURCE = "legacyDataSource";

    /** The legacy database's connection pool, closed with the application. */
    record LegacyDatabase(HikariDataSource pool) implements AutoCloseable {

        @Override
        public void close() {
            pool.close();
        }
    }

    @Bean
    LegacyDatabase legacyDatabase(@Value("${herald.legacy.url}") String url,
                                  @Value("${herald.legacy.username:}") String username,
                                  @Value("${herald.legacy.password:}") String password) {
        HikariDataSource pool = new HikariDataSource();
        pool.setPoolName("herald-legacy");
        pool.setJdbcUrl(url);
        pool.setUsername(username);
        pool.setPassword(password);
        pool.setMaximumPoolSize(2);
        return new LegacyDatabase(pool);
    }

    @Bean
    CamelContextConfiguration legacyIntake(LegacyDatabase database, @Value("${herald.legacy.enabled}") boolean enabled) {
        return new CamelContextConfiguration() {
            @Override
            public void beforeApplicationStart(CamelContext camel) {
                camel.getRegistry().bind(DATA_SOURCE, DataSource.class, database.pool());
            }

            @Override
            public void afterApplicationStart(CamelContext camel) {
                if (enabled) {
                    try {
                        camel.getRouteController().startRoute(ROUTE_ID);
                    } catch (Exception e) {
                        throw new IllegalStateException("The legacy intake route " + ROUTE_ID + " did not start", e);
                    }
                }
            }
        };
    }
}
