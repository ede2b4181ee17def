package io.herald.retention;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long Herald keeps personal data, under {@code herald.retention.*} (docs/operations.md, "Retention"). The route
 * routes/core/retention-purge.camel.yaml purges what is older, every {@code period} ms.
 *
 * @param messageBodies  the rendered messages of notification attempts (recipient, subject, bodies) and the customer's
 *                       name in decisions' facts; blanked after this, the rows stay for the KPIs
 * @param intakePayloads stored intake payloads (intake failures, deleted) and dead letters' payloads (blanked); no
 *                       replay of a refused payload is possible after this
 * @param conversations  the two-way SMS conversations (sms_message: the customers' SMS and Herald's answers),
 *                       deleted after this
 * @param dedupeKeys     the fingerprints of processed events (the idempotent consumer's keys): an event replayed
 *                       within this time is still recognised; at least {@code intakePayloads} and
 *                       {@code herald.notifications.max-event-age}
 * @param timelines      the timeline of each shipment and order (statuses, status texts, locations)
 * @param period         how often the purge runs, in milliseconds
 * @param initialDelay   how long after the start it runs first, in milliseconds
 * @param batchSize      at most this many rows per statement, each statement its own transaction
 * @param autoStartup    start the purge route with Herald; false leaves it stopped (the integration tests start it
 *                       only in the test that is about it)
 */
@ConfigurationProperties("herald.retention")
public record RetentionProperties(
        @DefaultValue("90d") Duration messageBodies,
        @DefaultValue("30d") Duration intakePayloads,
        @DefaultValue("90d") Duration conversations,
        @DefaultValue("400d") Duration dedupeKeys,
        @DefaultValue("400d") Duration timelines,
        @DefaultValue("3600000") long period,
        @DefaultValue("300000") long initialDelay,
        @DefaultValue("500") int batchSize,
        @DefaultValue("true") boolean autoStartup) {
}
