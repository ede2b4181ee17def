package io.herald.config;

import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The legacy table intakes (routes/intake/erp-order-statuses-intake.camel.yaml, and any route of group
 * {@value #ROUTE_GROUP} an integration engineer adds beside it): their database, which they poll as
 * {@code #legacyDataSource}, and their start.
 *
 * <p>The datasource is bound in Camel's registry only, not as a Spring {@link DataSource} bean, so Herald's own
 * database stays the one Spring Boot configures, injects and reports in {@code /actuator/health}. Its pool connects on
 * first use. These routes do not start with Camel ({@code autoStartup: false}): they start here only when
 * {@code herald.legacy.enabled} is true, so the default run never looks for a table that is not there.
 */
@Configuration(proxyBeanMethods = false)
class LegacyDatabaseConfiguration {

    static final String ROUTE_GROUP = "legacy";
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
                if (!enabled) {
                    return;
                }
                for (Route route : camel.getRoutes()) {
                    if (ROUTE_GROUP.equals(route.getGroup())) {
                        try {
                            camel.getRouteController().startRoute(route.getRouteId());
                        } catch (Exception e) {
                            throw new IllegalStateException("The legacy intake route " + route.getRouteId()
                                    + " did not start", e);
                        }
                    }
                }
            }
        };
    }
}
