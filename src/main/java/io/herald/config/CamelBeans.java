package io.herald.config;

import io.herald.channel.KeepAliveMailSender;
import io.herald.state.EventFingerprints;
import io.herald.support.SqlFiles;
import io.herald.support.KafkaBatches;
import io.herald.support.StreamCacheText;
import io.herald.support.Redeliveries;
import io.herald.support.BatchTransactions;
import io.herald.support.SavepointPolicy;
import java.util.List;
import java.util.Properties;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.LoggingLevel;
import org.apache.camel.component.kafka.consumer.DefaultKafkaManualCommitFactory;
import org.apache.camel.component.kafka.consumer.KafkaManualCommitFactory;
import org.apache.camel.component.kafka.serde.KafkaHeaderDeserializer;
import org.apache.camel.component.kafka.serde.ToStringKafkaHeaderDeserializer;
import org.apache.camel.processor.errorhandler.RedeliveryPolicy;
import org.apache.camel.builder.ThreadPoolProfileBuilder;
import org.apache.camel.spi.CamelContextCustomizer;
import org.apache.camel.spi.PackageScanResourceResolver;
import org.apache.camel.spring.spi.SpringTransactionPolicy;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.support.ResourcePatternResolver;
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
    EventFingerprints eventFingerprints(DataSource dataSource, PlatformTransactionManager transactions, SqlFiles sql) {
        return new EventFingerprints(dataSource, new TransactionTemplate(transactions), "herald-events",
                sql.get("state/insert-new-fingerprint"));
    }

    /**
     * The email channel's sender ({@code javaMailSender=#keepAliveMailSender} in routes/channels/email.camel.yaml):
     * one open SMTP connection per sending thread, with bounded timeouts, so a hung relay fails and is retried
     * instead of blocking the consumer.
     */
    @Bean
    KeepAliveMailSender keepAliveMailSender(CamelContext camel, @Value("${herald.channels.email.uri}") String uri) {
        Properties tuning = new Properties();
        tuning.setProperty("mail.smtp.connectiontimeout", "10000");
        tuning.setProperty("mail.smtp.timeout", "30000");
        tuning.setProperty("mail.smtp.writetimeout", "30000");
        tuning.setProperty("mail.smtp.quitwait", "false");
        // TLS whenever the relay offers it, so a login and the customers' mail do not cross the network in clear; the
        // endpoint URI's mail.smtp.starttls.required=true refuses a relay that does not offer it
        tuning.setProperty("mail.smtp.starttls.enable", "true");
        return new KeepAliveMailSender(camel, uri, tuning);
    }

    /**
     * Camel finds the route files of {@code camel.main.routes-include-pattern} through {@link ClasspathRouteFiles},
     * which reads the packaged jar's index instead of the whole jar: applied when Camel is configured, before it
     * collects the routes.
     */
    @Bean
    CamelContextCustomizer classpathRouteFiles(ResourcePatternResolver resources) {
        return camel -> camel.getCamelContextExtension()
                .addContextPlugin(PackageScanResourceResolver.class, new ClasspathRouteFiles(resources));
    }

    /** Kafka record headers arrive as text, so routes can compare them ({@code camel.component.kafka.header-deserializer}). */
    @Bean
    KafkaHeaderDeserializer kafkaHeaderDeserializer() {
        return new ToStringKafkaHeaderDeserializer();
    }

    /**
     * Selects Camel's synchronous commit manager for every Kafka consumer ({@code camel.component.kafka
     * .kafka-manual-commit-factory}, with auto-commit off): offsets are committed for the records whose exchanges
     * completed, never for records that were only polled.
     */
    @Bean
    KafkaManualCommitFactory kafkaManualCommitFactory() {
        return new DefaultKafkaManualCommitFactory();
    }

    /**
     * The bounded pools the channel routes hand their batches' messages off on, concurrently: a thread pool profile
     * per channel (the split's {@code executorService: emailHandOffs}, {@code smsHandOffs}, {@code pushHandOffs}) of
     * {@code herald.channels.hand-off-threads} threads, whose queue holds what waits for a thread; one channel whose
     * provider is slow, or whose sender waits for its rate, does not hold up another. Camel makes and shuts down the
     * pools. Not executor beans: one would stand in for Spring Boot's own task executor.
     */
    @Bean
    CamelContextCustomizer channelHandOffs(@Value("${herald.channels.hand-off-threads}") int threads) {
        return camel -> {
            for (String channel : List.of("email", "sms", "push")) {
                camel.getExecutorServiceManager().registerThreadPoolProfile(new ThreadPoolProfileBuilder(
                        channel + "HandOffs").poolSize(threads).maxPoolSize(threads).maxQueueSize(-1).build());
            }
        };
    }

    /**
     * The one database transaction of a batch of events ({@code transacted: batchTransaction} in events-decide-batch):
     * dedupe, state, timeline, decisions and the notification log of every event of the batch commit together, before
     * the batch publishes and commits its offsets.
     */
    @Bean
    SpringTransactionPolicy batchTransaction(PlatformTransactionManager transactions) {
        SpringTransactionPolicy policy = new SpringTransactionPolicy(transactions);
        policy.setPropagationBehaviorName("PROPAGATION_REQUIRED");
        return policy;
    }

    /**
     * Each try of an event, its part of its batch's transaction ({@code policy: recordSavepoint} in
     * events-decide-event): a savepoint, so a try that fails is rolled back alone before events-decide tries it again
     * or dead-letters it, and the rest of the batch commits.
     */
    @Bean
    SavepointPolicy recordSavepoint(PlatformTransactionManager transactions, BatchTransactions batches) {
        return new SavepointPolicy(transactions, batches);
    }

    /** The batches of the Kafka consumer routes: records together, one wait for what they publish, one commit. */
    @Bean
    KafkaBatches kafkaBatches() {
        return new KafkaBatches();
    }

    /** A marshalled body read as text in one step, as the Kafka producers take it (camel-main registers it). */
    @Bean
    StreamCacheText streamCacheText() {
        return new StreamCacheText();
    }

    /**
     * The redelivery of the pipeline's dead-letter channel (routes/_shared/error-handling.camel.yaml): exponential
     * backoff from {@code herald.retry.redelivery-delay}, doubling up to {@code maximum-redelivery-delay}.
     */
    @Bean
    RedeliveryPolicy pipelineRedelivery(@Value("${herald.retry.maximum-redeliveries}") int maximumRedeliveries,
                                        @Value("${herald.retry.redelivery-delay}") long redeliveryDelay,
                                        @Value("${herald.retry.maximum-redelivery-delay}") long maximumDelay) {
        RedeliveryPolicy policy = Redeliveries.exponential(maximumRedeliveries, redeliveryDelay, maximumDelay);
        policy.setRetriesExhaustedLogLevel(LoggingLevel.ERROR);
        return policy;
    }

    /**
     * The redelivery of the channels' dead-letter channel (route configuration channel-errors): the same backoff,
     * from {@code herald.channels.retry.*}, long enough to ride out an outage of the provider for minutes.
     */
    @Bean
    RedeliveryPolicy channelRedelivery(
            @Value("${herald.channels.retry.maximum-redeliveries}") int maximumRedeliveries,
            @Value("${herald.channels.retry.redelivery-delay}") long redeliveryDelay,
            @Value("${herald.channels.retry.maximum-redelivery-delay}") long maximumDelay) {
        return pipelineRedelivery(maximumRedeliveries, redeliveryDelay, maximumDelay);
    }

    /**
     * The channels' redelivery of a message that went to its provider and whose recording failed (route
     * configuration channel-errors, handed-over-not-recorded): the same backoff, going on while Herald stops.
     */
    @Bean
    RedeliveryPolicy channelRedeliveryWhileStopping(@Qualifier("channelRedelivery") RedeliveryPolicy channelRedelivery) {
        RedeliveryPolicy policy = channelRedelivery.copy();
        policy.setAllowRedeliveryWhileStopping(true);
        return policy;
    }
}
