package io.herald.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.herald.db.BothDatabases;
import io.herald.notify.NotificationLog;
import io.herald.notify.OutboundMessage;
import io.herald.ops.HeraldMetrics;
import io.herald.support.GroupCommits;
import io.herald.support.Names;
import io.herald.support.SqlFiles;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/** What a hand-off without an answer leaves behind, per channel, on Herald's H2 schema. */
class DeliveriesTest {

    private final BothDatabases.Database h2 = h2();
    private final NotificationLog log = new NotificationLog(h2.jdbc(), new SqlFiles(),
            new HeraldMetrics(new SimpleMeterRegistry()), Clock.systemUTC());
    private final Deliveries deliveries = new Deliveries(log,
            new GroupCommits(new DataSourceTransactionManager(h2.dataSource())),
            new DeliveryErrors(60_000, Clock.systemUTC()),
            new HeraldMetrics(new SimpleMeterRegistry()), Duration.ofSeconds(90));

    @Test
    void pushWithoutAnAnswerIsRetriedSinceTheBackendKnowsAResendByItsId() {
        Exchange exchange = timedOutHandOff("push");

        assertThatThrownBy(() -> deliveries.failed(exchange)).isInstanceOf(SocketTimeoutException.class);
        assertThat(log.stateOf(outbound(exchange).notificationId())).contains("DECIDED");
    }

    @Test
    void smsWithoutAnAnswerIsLeftUnknownAndNotSentAgain() throws Exception {
        Exchange exchange = timedOutHandOff("sms");

        deliveries.failed(exchange);

        assertThat(log.stateOf(outbound(exchange).notificationId())).contains("UNKNOWN");
        assertThat(exchange.isRouteStop()).isTrue();
    }

    /** An attempt of the channel, claimed (SENDING), whose hand-off timed out after its request was written. */
    private Exchange timedOutHandOff(String channel) {
        String id = UUID.randomUUID().toString();
        log.insert(new MapSqlParameterSource()
                .addValue("id", id).addValue("decisionId", null).addValue("subjectKey", "order:SO-" + id)
                .addValue("type", "order_confirmed").addValue("channel", channel).addValue("orderId", "SO-" + id)
                .addValue("carrier", null).addValue("trackingNumber", null).addValue("customerId", "C-1")
                .addValue("locale", "en").addValue("recipient", "C-1")
                .addValue("subject", "Your order is confirmed").addValue("bodyText", "Confirmed")
                .addValue("bodyHtml", null).addValue("segments", null).addValue("eventOccurredAt", null)
                .addValue("now", OffsetDateTime.now(ZoneOffset.UTC)));
        assertThat(log.claim(id)).isTrue();
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.setProperty(Names.Property.OUTBOUND, new OutboundMessage(id, "order_confirmed", channel, "C-1", "en",
                "Your order is confirmed", "Confirmed", null, 0));
        exchange.setProperty(Exchange.EXCEPTION_CAUGHT, new SocketTimeoutException("Read timed out"));
        return exchange;
    }

    private static OutboundMessage outbound(Exchange exchange) {
        return exchange.getProperty(Names.Property.OUTBOUND, OutboundMessage.class);
    }

    private static BothDatabases.Database h2() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:deliveries-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        h2.setUser("herald");
        return new BothDatabases.Database("H2", "h2", h2).migrate(null);
    }
}
