package io.herald.config;

import com.zaxxer.hikari.HikariDataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The legacy ERP intake (routes/intake/erp-order-statuses-intake.camel.yaml): its database, which the route polls as
 * {@code #legacyDataSource}, and its start. The datasource is not a default candidate, so Herald's own datasource
 * stays the one Spring Boot configures and injects; its pool connects on first use. The route does not start with
 * Camel: it starts here only when {@code herald.legacy.enabled} is true, so the default run never looks for a table
 * that is not there.
 */
@Configuration(proxyBeanMethods = false)
class LegacyDatabaseConfiguration {

    static final String ROUTE_ID = "erp-order-statuses-intake";

    @Bean(destroyMethod = "close", defaultCandidate = false)
    HikariDataSource legacyDataSource(@Value("${herald.legacy.url}") String url,
                                      @Value("${herald.legacy.username:}") String username,
                                      @Value("${herald.legacy.password:}") String password) {
        HikariDataSource pool = new HikariDataSource();
        pool.setPoolName("herald-legacy");
        pool.setJdbcUrl(url);
        pool.setUsername(username);
        pool.setPassword(password);
        pool.setMaximumPoolSize(2);
        return pool;
    }

    @Bean
    CamelContextConfiguration legacyIntakeStart(@Value("${herald.legacy.enabled}") boolean enabled) {
        return new CamelContextConfiguration() {
            @Override
            public void beforeApplicationStart(CamelContext camel) {
                // the route is configured in its YAML file
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
