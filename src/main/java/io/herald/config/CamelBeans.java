package io.herald.config;

import javax.sql.DataSource;
import org.apache.camel.processor.idempotent.jdbc.JdbcMessageIdRepository;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/** Beans that the YAML routes refer to by name. */
@Configuration(proxyBeanMethods = false)
class CamelBeans {

    /**
     * The idempotent repository of event fingerprints, in the shared database, so every instance of Herald drops
     * the same duplicates. The table comes from the schema migrations.
     */
    @Bean
    JdbcMessageIdRepository eventFingerprints(DataSource dataSource, PlatformTransactionManager transactions) {
        JdbcMessageIdRepository repository =
                new JdbcMessageIdRepository(dataSource, new TransactionTemplate(transactions), "herald-events");
        repository.setCreateTableIfNotExists(false);
        return repository;
    }
}
