package io.herald.it;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/**
 * A Herald context of the test class's own, beside the shared one of {@link HeraldIntegrationTest}, which stays open
 * meanwhile: its own embedded broker, its own inbox, no legacy table, and closed after the class. The class adds what
 * makes its context its own (its settings, its database) with a {@code @TestPropertySource} of its own.
 *
 * <p>The broker's address goes to the system property {@value #BROKERS}, not to herald.kafka.bootstrap-servers: the
 * shared context's tests read that one when they publish, and must not find this context's broker there once it is
 * closed. The classes with a context of their own run one after the other, each with a broker started for it, so
 * they can share this property and the inbox.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@TestPropertySource(properties = {
        "herald.kafka.bootstrap-servers=${" + OwnContext.BROKERS + "}",
        "herald.inbox.root=target/it-inbox-own-context",
        "herald.legacy.enabled=false"})
@EmbeddedKafka(kraft = true, partitions = 2, bootstrapServersProperty = OwnContext.BROKERS,
        topics = {"herald.events", "herald.dlq", "herald.outbound.email", "herald.outbound.sms",
                "herald.in.wms.shipments"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@interface OwnContext {

    /** The system property that holds the address of the class's own broker. */
    String BROKERS = "herald.it.own-context.brokers";
}
