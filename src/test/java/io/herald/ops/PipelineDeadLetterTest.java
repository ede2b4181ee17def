package io.herald.ops;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.herald.channel.DeliveryErrors;
import io.herald.support.BatchTransactions;
import io.herald.support.Redeliveries;
import io.herald.support.SqlFiles;
import jakarta.mail.internet.AddressException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.processor.errorhandler.RedeliveryPolicy;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.BadSqlGrammarException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * routes/core/pipeline-dead-letter.camel.yaml behind Camel's own error handling, as Herald loads it
 * (routes/_shared/error-handling.camel.yaml): what a stage's caller gets, and what the log says, when the dead letter
 * refuses a failure that is not the message's, and when the dead letter itself fails. The dead letter's database has
 * no dead_letter table, so that keeping a dead letter fails as a bug would; its topic is a mock endpoint, as a unit
 * test has no broker.
 */
class PipelineDeadLetterTest {

    private static volatile boolean stopping;
    private static CamelContext camel;
    private static ProducerTemplate producer;
    private static MockEndpoint published;

    private final ListAppender<ILoggingEvent> log = new ListAppender<>();

    @BeforeAll
    static void loadTheDeadLetter() throws Exception {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:pipeline-dead-letter-test");
        camel = new DefaultCamelContext() {
            @Override
            public boolean isStopping() {
                return stopping || super.isStopping();
            }
        };
        camel.getPropertiesComponent().addInitialProperty("herald.kafka.topics.dlq", "herald.dlq");
        RedeliveryPolicy noRetries = Redeliveries.exponential(0, 1, 1);
        camel.getRegistry().bind("pipelineRedelivery", noRetries);
        camel.getRegistry().bind("channelRedelivery", noRetries);
        camel.getRegistry().bind("channelRedeliveryWhileStopping", noRetries);
        BatchTransactions batches = new BatchTransactions(h2);
        camel.getRegistry().bind("batchTransactions", batches);
        camel.getRegistry().bind("deliveryErrors", new DeliveryErrors(300_000, Clock.systemUTC()));
        camel.getRegistry().bind("deadLetters", new DeadLetters(new NamedParameterJdbcTemplate(h2), new SqlFiles(),
                new ObjectMapper(), null, new DataSourceTransactionManager(h2), batches));
        camel.getRegistry().bind("twilioRefusals", new NotReached());
        camel.getRegistry().bind("deliveryFeedback", new NotReached());
        camel.getRegistry().bind("notificationDecisions", new NotReached());
        PluginHelper.getRoutesLoader(camel).loadRoutes(
                ResourceHelper.resolveResource(camel, "file:routes/_shared/error-handling.camel.yaml"),
                ResourceHelper.resolveResource(camel, "file:routes/core/pipeline-dead-letter.camel.yaml"));
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:events-decide").routeId("events-decide").routeConfigurationId("pipeline-errors")
                        .process(exchange -> {
                            throw exchange.getMessage().getHeader("failure", Exception.class);
                        });
                from("direct:email-notifications-send").routeId("email-notifications-send")
                        .routeConfigurationId("channel-errors")
                        .process(exchange -> {
                            throw new AddressException("Illegal address", "nobody@");
                        });
            }
        });
        AdviceWith.adviceWith(camel, "pipeline-dead-letter",
                route -> route.weaveById("publish-dead-letter").replace().to("mock:published"));
        camel.start();
        producer = camel.createProducerTemplate();
        published = camel.getEndpoint("mock:published", MockEndpoint.class);
    }

    @AfterAll
    static void stop() {
        camel.stop();
    }

    @BeforeEach
    void watchTheLog() {
        published.reset();
        log.start();
        root().addAppender(log);
    }

    @AfterEach
    void stopWatching() {
        root().detachAppender(log);
        stopping = false;
    }

    /**
     * A stage's failure on the database is refused by the dead letter: the caller fails with it (a Kafka batch is
     * rolled back and read again), and the log has Herald's one line for it, no stack trace of Camel's.
     */
    @Test
    void aFailureOfTheDatabaseFailsTheCallerWithOneLineInTheLog() {
        Exception refused = new CannotGetJdbcConnectionException("Connection refused");

        Exchange failed = producer.send("direct:events-decide",
                exchange -> exchange.getMessage().setHeader("failure", refused));

        assertThat(causes(failed.getException())).as("the caller's failure and its causes").contains(refused);
        assertThat(linesOf(log.list)).containsExactly(
                "WARN Not a dead letter: events-decide failed on the database, and is left to be read again: "
                        + "CannotGetJdbcConnectionException: Connection refused");
        assertThat(published.getReceivedCounter()).isZero();
    }

    /**
     * A channel's message that a provider refused for good goes to the dead letter by an onException of its own; while
     * Herald stops, the dead letter refuses it there too, in one line.
     */
    @Test
    void aPermanentFailureWhileHeraldStopsFailsTheCallerWithOneLineInTheLog() {
        stopping = true;

        Exchange failed = producer.send("direct:email-notifications-send", exchange -> { });

        assertThat(failed.getException()).isInstanceOf(AddressException.class);
        assertThat(linesOf(log.list)).containsExactly(
                "WARN Not a dead letter: email-notifications-send failed while Herald stops, and is left to be read "
                        + "again: AddressException: Illegal address");
        assertThat(published.getReceivedCounter()).isZero();
    }

    /**
     * A failure of the dead letter itself, one no one expects (here its table is missing), fails the caller, and is
     * logged with its stack trace.
     */
    @Test
    void aFailureOfTheDeadLetterItselfIsLoggedWithItsStackTrace() {
        Exception bad = new IllegalStateException("not an event");

        Exchange failed = producer.send("direct:events-decide",
                exchange -> exchange.getMessage().setHeader("failure", bad));

        assertThat(failed.getException()).isNotNull();
        assertThat(log.list).as("the log's lines at WARN or above with a stack trace")
                .filteredOn(event -> event.getLevel().isGreaterOrEqual(Level.WARN))
                .anySatisfy(event -> assertThat(throwables(event.getThrowableProxy()))
                        .contains(BadSqlGrammarException.class.getName()));
        assertThat(published.getReceivedCounter()).isZero();
    }

    private static Logger root() {
        return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }

    /**
     * The lines an operator reads (INFO and above), each as its level, its message and whether a stack trace follows;
     * but Camel's line for the failed try, which every failure has, refused or not (logRetryAttempted).
     */
    private static List<String> linesOf(List<ILoggingEvent> events) {
        return events.stream().filter(event -> event.getLevel().isGreaterOrEqual(Level.INFO))
                .filter(event -> !event.getFormattedMessage().contains(". On delivery attempt: "))
                .map(event -> event.getLevel() + " " + event.getFormattedMessage()
                        + (event.getThrowableProxy() == null ? "" : " [stack trace of "
                                + event.getThrowableProxy().getClassName() + "]"))
                .toList();
    }

    private static List<Throwable> causes(Throwable failure) {
        List<Throwable> causes = new ArrayList<>();
        for (Throwable cause = failure; cause != null && !causes.contains(cause); cause = cause.getCause()) {
            causes.add(cause);
        }
        return causes;
    }

    private static List<String> throwables(IThrowableProxy proxy) {
        List<String> names = new ArrayList<>();
        for (IThrowableProxy cause = proxy; cause != null; cause = cause.getCause()) {
            names.add(cause.getClassName());
        }
        return names;
    }

    /** A step of the dead letter that a refused message, or one whose keeping failed, never reaches. */
    public static class NotReached {

        public void noteRefusal(Exchange exchange) {
            throw new AssertionError("not reached");
        }

        public void noteRejectedAddress(Exchange exchange) {
            throw new AssertionError("not reached");
        }

        public List<Object> fallBack(Exchange exchange) {
            throw new AssertionError("not reached");
        }
    }
}
