package io.herald.ops;

import io.herald.support.Names;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.herald.channel.Masking;
import io.herald.notify.NotificationLog;
import io.herald.support.BatchTransactions;
import io.herald.support.KafkaBatches;
import io.herald.support.SqlFiles;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.concurrent.RejectedExecutionException;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The pipeline's dead letter: a message that failed after every retry is kept with its original payload, the stage
 * and the reason, in the {@code dead_letter} table and on {@code herald.dlq}. A failed notification is marked FAILED
 * in the notification log.
 */
@Component("deadLetters")
public class DeadLetters {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetters.class);

    /** PostgreSQL's SQLSTATE for a lock not granted within {@code lock_timeout}. */
    private static final String LOCK_NOT_AVAILABLE = "55P03";


    private final NamedParameterJdbcTemplate jdbc;
    private final SqlFiles sql;
    private final ObjectMapper json;
    private final NotificationLog notifications;
    private final TransactionTemplate ownTransaction;
    private final BatchTransactions batches;

    public DeadLetters(NamedParameterJdbcTemplate jdbc, SqlFiles sql, ObjectMapper json,
                       NotificationLog notifications, PlatformTransactionManager transactions,
                       BatchTransactions batches) {
        this.jdbc = jdbc;
        this.sql = sql;
        this.json = json;
        this.notifications = notifications;
        this.batches = batches;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /**
     * Refuses the failure when it is not the message's, so that the message is read again rather than kept as dead: a
     * failure of the database (a lock not granted in time, a deadlock, no connection, a transaction that could not
     * begin or was rolled back, or any failure that left the batch's transaction lost: its connection gone, whatever
     * the failure was called on its way), or any failure while Herald stops. A stop ends retries (Redeliveries): a
     * message whose retries it cut short, or one that failed once since the stop began and so has none, is left to
     * the next owner of its record, which tries it with a whole retry budget. Retried as long as the stage's retries
     * last, the message is still valid, and kept as a dead letter it would never be processed: a batch event would be
     * committed as done.
     * <p>
     * A refused failure is marked {@link Names.Property#NOT_A_DEAD_LETTER}, so that the dead letter keeps nothing, and
     * as not handled by Camel's error handler (the dead letter channel of routes/_shared/error-handling.camel.yaml, or
     * the onException that sent it here), which then puts the failure back on the exchange, the very exception, and so
     * fails the caller with it: its batch is rolled back and read again. It is not thrown: Camel would take a throw for
     * a failure of the dead letter itself and log it with its stack trace twice (FatalFallbackErrorHandler, and the
     * dead letter channel's "New exception occurred"), some 80 lines for what the one line here says. The mark is
     * Camel's ExchangeExtension.setErrorHandlerHandled(false), which Camel calls internal: it is the one its own
     * FatalFallbackErrorHandler sets for a failure to go back to the caller, and PipelineDeadLetterTest tells if an
     * upgrade changes what it does. So this is for the dead letter of an error handler only, which puts the failure
     * back: anywhere else a refused failure would be lost.
     */
    public void refuseNotTheMessages(Exchange exchange) {
        Exception caught = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        String stage = exchange.getProperty(Exchange.FAILURE_ROUTE_ID, "a stage", String.class);
        if (isDatabaseFailure(caught) || batches.lost()) {
            LOG.warn("Not a dead letter: {} failed on the database, and is left to be read again: {}", stage,
                    Masking.text(reasonOf(caught)));
        } else if (exchange.getContext().isStopping() || isRejected(caught)) {
            LOG.warn("Not a dead letter: {} failed while Herald stops, and is left to be read again: {}", stage,
                    Masking.text(reasonOf(caught)));
        } else {
            return;
        }
        batches.giveUp();
        exchange.setProperty(Names.Property.NOT_A_DEAD_LETTER, true);
        exchange.getExchangeExtension().setErrorHandlerHandled(false);
    }

    /**
     * Whether Camel refused to run or retry the message (a RejectedExecutionException among the causes), as it does
     * when the message's route stops.
     */
    static boolean isRejected(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof RejectedExecutionException) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the failure, or one of its causes, is the database's own. PostgreSQL's lock timeout (SQLSTATE 55P03,
     * lock_not_available) is named by its state: Spring's default translation leaves it uncategorized.
     */
    public static boolean isDatabaseFailure(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof TransientDataAccessException || cause instanceof DataAccessResourceFailureException
                    || cause instanceof TransactionException || cause instanceof SQLTransientException
                    || cause instanceof SQLRecoverableException
                    || cause instanceof SQLException sql && LOCK_NOT_AVAILABLE.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /**
     * Keeps the message as a dead letter, in a transaction of its own, so that it stays when the message's own work is
     * rolled back. A Kafka record is kept once per stage: when its batch failed after it was dead-lettered and was read
     * again, the record is a dead letter already, and is marked {@link Names.Property#DEAD_LETTER_REPEATED} so that it
     * is not published on herald.dlq a second time.
     */
    public void record(Exchange exchange) {
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String stage = exchange.getProperty(Exchange.FAILURE_ROUTE_ID, "unknown", String.class);
        String reason = reasonOf(cause);
        String payload = exchange.getMessage().getBody(String.class);
        JsonNode parsed = parse(payload);
        String notificationId = parsed.path("notificationId").asText(null);
        String channel = parsed.path("channel").asText("unknown");
        MapSqlParameterSource params = new MapSqlParameterSource()
                .addValue("stage", stage)
                .addValue("reason", reason.length() > 1000 ? reason.substring(0, 1000) : reason)
                .addValue("payload", payload)
                .addValue("notificationId", notificationId)
                .addValue("sourceRecord", KafkaBatches.recordId(exchange.getMessage()))
                .addValue("now", OffsetDateTime.now(ZoneOffset.UTC));

        try {
            ownTransaction.executeWithoutResult(tx -> {
                jdbc.update(sql.get("ops/insert-dead-letter"), params);
                if (notificationId != null) {
                    notifications.markFailed(notificationId, channel, reason);
                }
            });
            LOG.error("Dead letter from {}: {}", stage, Masking.text(reason));
        } catch (DuplicateKeyException keptAlready) {
            // dead_letter_source_record: this Kafka record is a dead letter of this stage already
            exchange.setProperty(Names.Property.DEAD_LETTER_REPEATED, true);
            LOG.warn("A dead letter from {} again, kept once: its batch was read again after it failed: {}", stage,
                    Masking.text(reason));
        }
        if (notificationId != null) {
            exchange.setProperty(Names.Property.FAILED_NOTIFICATION, notificationId);
            exchange.setProperty(Names.Property.FAILURE_REASON, reason);
        }

        ObjectNode record = json.createObjectNode()
                .put("kind", "dead-letter")
                .put("stage", stage)
                .put("reason", reason)
                .put("failedAt", OffsetDateTime.now(ZoneOffset.UTC).toString())
                .put("payload", payload);
        if (notificationId != null) {
            record.put("notificationId", notificationId);
        }
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setHeader("kafka.KEY", stage);
        exchange.getMessage().setBody(record.toString());
    }

    /** The innermost cause, which names the real failure rather than the wrappers around it. */
    static String reasonOf(Throwable cause) {
        if (cause == null) {
            return "unknown failure";
        }
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    private JsonNode parse(String payload) {
        try {
            return payload == null ? json.createObjectNode() : json.readTree(payload);
        } catch (Exception e) {
            return json.createObjectNode();
        }
    }
}
