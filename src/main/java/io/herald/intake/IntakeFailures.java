package io.herald.intake;

import io.herald.support.Names;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.herald.channel.Masking;
import io.herald.normalize.IntakeRejectedException;
import io.herald.normalize.RejectReason;
import io.herald.ops.SourceHealth;
import io.herald.support.Payloads;
import io.herald.support.SqlFiles;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Keeps every refused payload, with its source, reason and the original bytes, in the {@code intake_failure} table.
 * The same payload refused again counts up instead of adding a row. The exchange body becomes the dead-letter record
 * that the route publishes on {@code herald.dlq}.
 */
@Component("intakeFailures")
public class IntakeFailures {

    private static final Logger LOG = LoggerFactory.getLogger(IntakeFailures.class);

    /** Keeps the rejection for the answer, since later steps may catch other exceptions. */
    private static final String REJECTION = Names.Property.REJECTION;

    private final NamedParameterJdbcTemplate jdbc;
    private final SqlFiles sql;
    private final ObjectMapper json;
    private final SourceHealth sourceHealth;

    public IntakeFailures(NamedParameterJdbcTemplate jdbc, SqlFiles sql, ObjectMapper json,
            SourceHealth sourceHealth) {
        this.jdbc = jdbc;
        this.sql = sql;
        this.json = json;
        this.sourceHealth = sourceHealth;
    }

    /** The rejection that the exchange failed with. */
    public static IntakeRejectedException rejectionOf(Exchange exchange) {
        IntakeRejectedException kept = exchange.getProperty(REJECTION, IntakeRejectedException.class);
        if (kept != null) {
            return kept;
        }
        IntakeRejectedException caught =
                IntakeRejectedException.findIn(exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class));
        if (caught != null) {
            return caught;
        }
        return new IntakeRejectedException(RejectReason.UNPARSEABLE, "The payload could not be processed");
    }

    public void record(Exchange exchange) {
        IntakeRejectedException rejected = rejectionOf(exchange);
        exchange.setProperty(REJECTION, rejected);
        var message = exchange.getMessage();
        String source = message.getHeader(Names.Header.SOURCE, "unknown", String.class);
        String contentType = message.getHeader(Exchange.CONTENT_TYPE, String.class);
        byte[] payload = message.getBody(byte[].class);
        if (payload == null) {
            payload = new byte[0];
        }
        long id = store(source, rejected, payload, contentType);
        sourceHealth.rejected(source, rejected.reason());
        LOG.warn("Refused a payload from {}: {} ({}), kept as intake failure {}", source, rejected.reason(),
                Masking.text(rejected.getMessage()), id);

        ObjectNode record = json.createObjectNode()
                .put("kind", "intake-failure")
                .put("failureId", id)
                .put("source", source)
                .put("reason", rejected.reason().name())
                .put("detail", rejected.getMessage())
                .put("contentType", contentType)
                .put("failedAt", OffsetDateTime.now(ZoneOffset.UTC).toString());
        String text = Payloads.textOrNull(payload);
        if (text != null) {
            record.put("payload", text);
        } else {
            record.put("payloadBase64", Payloads.base64(payload));
        }
        message.setBody(record.toString());
        // the record says all there is to say: the sender's headers (an X-Api-Key, a signature) and a carrier call's
        // own (its Authorization or DHL-API-Key, which camel-http copies onto the answer) stay off herald.dlq
        message.removeHeaders("*", Names.Header.SOURCE, "Camel*", "kafka.*");
        message.setHeader("kafka.KEY", source);
    }

    private long store(String source, IntakeRejectedException rejected, byte[] payload, String contentType) {
        MapSqlParameterSource params = new MapSqlParameterSource(Map.of(
                "source", source,
                "reason", rejected.reason().name(),
                "detail", abbreviate(rejected.getMessage(), 1000),
                "hash", Payloads.sha256(payload),
                "now", OffsetDateTime.now(ZoneOffset.UTC)))
                .addValue("payload", payload)
                .addValue("contentType", contentType == null ? null : abbreviate(contentType, 100));
        if (jdbc.update(sql.get("intake/update-intake-failure"), params) == 0) {
            try {
                jdbc.update(sql.get("intake/insert-intake-failure"), params);
            } catch (DuplicateKeyException raced) {
                jdbc.update(sql.get("intake/update-intake-failure"), params);
            }
        }
        return jdbc.queryForObject(sql.get("intake/find-intake-failure-id"), params, (rs, n) -> rs.getLong("id"));
    }

    private static String abbreviate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }
}
