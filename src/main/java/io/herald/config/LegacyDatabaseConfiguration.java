package io.herald.config;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The legacy system's database, which routes/intake/erp-order-statuses-intake.camel.yaml polls as
 * {@code #legacyDataSource}. Not a default candidate, so Herald's own datasource stays the one Spring Boot
 * configures and injects. The pool connects on first use: when the legacy intake is off, nothing connects.
 */
@Configuration(proxyBeanMethods = false)
class LegacyDatabaseConfiguration {

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
}
