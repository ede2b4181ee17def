package io.herald.config;

import javax.sql.DataSource;
import org.apache.camel.LoggingLevel;
import org.apache.camel.component.kafka.serde.KafkaHeaderDeserializer;
import org.apache.camel.component.kafka.serde.ToStringKafkaHeaderDeserializer;
import org.apache.camel.processor.errorhandler.RedeliveryPolicy;
import org.springframework.beans.factory.annotation.Value;
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

    /**
     * JavaMail settings of the email channel ({@code additionalJavaMailProperties=#smtpProperties} in
     * routes/channels/email.camel.yaml): bounded timeouts, so a hung relay fails and is retried instead of blocking
     * the consumer, and no wait for the answer to QUIT once the message is accepted.
     */
    @Bean
    java.util.Properties smtpProperties() {
        java.util.Properties properties = new java.util.Properties();
        properties.setProperty("mail.smtp.connectiontimeout", "10000");
        properties.setProperty("mail.smtp.timeout", "30000");
        properties.setProperty("mail.smtp.writetimeout", "30000");
        properties.setProperty("mail.smtp.quitwait", "false");
        return properties;
    }

    /** Kafka record headers arrive as text, so routes can compare them ({@code camel.component.kafka.header-deserializer}). */
    @Bean
    KafkaHeaderDeserializer kafkaHeaderDeserializer() {
        return new ToStringKafkaHeaderDeserializer();
    }

    /**
     * The redelivery of the pipeline's dead-letter channel (routes/_shared/error-handling.camel.yaml): exponential
     * backoff from {@code herald.retry.redelivery-delay}, doubling up to {@code maximum-redelivery-delay}.
     */
    @Bean
    RedeliveryPolicy pipelineRedelivery(@Value("${herald.retry.maximum-redeliveries}") int maximumRedeliveries,
                                        @Value("${herald.retry.redelivery-delay}") long redeliveryDelay,
                                        @Value("${herald.retry.maximum-redelivery-delay}") long maximumDelay) {
        RedeliveryPolicy policy = new RedeliveryPolicy();
        policy.setMaximumRedeliveries(maximumRedeliveries);
        policy.setRedeliveryDelay(redeliveryDelay);
        policy.setMaximumRedeliveryDelay(maximumDelay);
        policy.setUseExponentialBackOff(true);
        policy.setBackOffMultiplier(2);
        policy.setRetryAttemptedLogLevel(LoggingLevel.WARN);
        policy.setRetriesExhaustedLogLevel(LoggingLevel.ERROR);
        return policy;
    }
}
