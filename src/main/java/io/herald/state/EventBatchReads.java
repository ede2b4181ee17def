package io.herald.state;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.herald.canonical.CanonicalEvent;
import io.herald.support.KafkaBatches;
import io.herald.support.Names;
import io.herald.support.SqlFiles;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;
import org.apache.camel.Message;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Reads a batch of herald.events when it opens ({@link BatchReads}): parses its records once, and reads what each of
 * their events would read by its fingerprint, two queries for the batch instead of three for every event. Called by
 * events-decide-batch in the batch's transaction, before its events are applied; each record then takes its event
 * from {@link #event}.
 */
@Component("eventBatchReads")
public class EventBatchReads {

    /** Values bound to one {@code IN} list at most; a batch larger than this reads in several queries. */
    static final int CHUNK = 500;

    private final NamedParameterJdbcTemplate jdbc;
    private final SqlFiles sql;
    private final ObjectMapper json;

    public EventBatchReads(NamedParameterJdbcTemplate jdbc, SqlFiles sql, ObjectMapper json) {
        this.jdbc = jdbc;
        this.sql = sql;
        this.json = json;
    }

    /** Reads ahead for the records of the batch, and keeps the reads on it. */
    public void open(Exchange batch) {
        Map<String, CanonicalEvent> events = new HashMap<>();
        Set<String> fingerprints = new LinkedHashSet<>();
        Set<String> subjectKeys = new LinkedHashSet<>();
        for (Exchange record : KafkaBatches.recordsOf(batch)) {
            String key = KafkaBatches.recordId(record.getMessage());
            CanonicalEvent event = key == null ? null : parsed(record.getMessage().getBody(String.class));
            if (event != null) {
                events.put(key, event);
                fingerprints.add(event.fingerprint());
                subjectKeys.add(StateStore.subjectKeyOf(event));
            }
        }
        if (events.isEmpty()) {
            return;
        }
        Map<String, StateStore.Transition> transitions = new HashMap<>();
        Set<String> inTimeline = new HashSet<>();
        Map<String, String> decisions = new HashMap<>();
        for (List<String> chunk : chunks(fingerprints)) {
            jdbc.query(sql.get("state/list-timeline-transitions"), new MapSqlParameterSource("fingerprints", chunk),
                    rs -> {
                        String fingerprint = rs.getString("fingerprint");
                        inTimeline.add(fingerprint);
                        StateStore.Transition transition = StateStore.Transition.of(rs);
                        if (transition != null) {
                            transitions.put(fingerprint, transition);
                        }
                    });
            for (List<String> keys : chunks(subjectKeys)) {
                jdbc.query(sql.get("decide/list-decisions-by-trigger"), new MapSqlParameterSource()
                        .addValue("subjectKeys", keys).addValue("fingerprints", chunk), rs -> {
                            decisions.put(BatchReads.decisionKey(rs.getString("subject_key"), rs.getString("type"),
                                    rs.getString("trigger_fingerprint")), rs.getString("id"));
                        });
            }
        }
        batch.setProperty(Names.Property.BATCH_READS,
                new BatchReads(events, fingerprints, subjectKeys, transitions, inTimeline, decisions));
    }

    /**
     * The event of a record of the batch: as the batch parsed it when it opened, or parsed now, which fails a record
     * that is not an event with Jackson's reason, as an {@code unmarshal} would. Its fingerprint goes in the header
     * {@code heraldFingerprint}, for the idempotent consumer (Simple's {@code ${body.fingerprint}} would copy the
     * whole exchange to call one getter).
     */
    public CanonicalEvent event(Exchange exchange) throws IOException, InvalidPayloadException {
        Message record = exchange.getMessage();
        Optional<CanonicalEvent> read = BatchReads.of(exchange).flatMap(reads -> reads.event(record));
        CanonicalEvent event = read.isPresent() ? read.get() : json.readValue(record.getMandatoryBody(String.class),
                CanonicalEvent.class);
        record.setHeader(Names.Header.FINGERPRINT, event.fingerprint());
        return event;
    }

    /**
     * The event with its fingerprint and subject, or null when the record cannot be read as one: {@link #event} then
     * fails it with the reason, as without the read-ahead.
     */
    private CanonicalEvent parsed(String body) {
        try {
            CanonicalEvent event = json.readValue(body, CanonicalEvent.class);
            // an event without the section its type names has no subject: it fails in its own step, not the batch
            StateStore.subjectKeyOf(event);
            return event.fingerprint() == null ? null : event;
        } catch (Exception unreadable) {
            return null;
        }
    }

    private static List<List<String>> chunks(Set<String> values) {
        List<String> all = new ArrayList<>(values);
        List<List<String>> chunks = new ArrayList<>();
        for (int from = 0; from < all.size(); from += CHUNK) {
            chunks.add(all.subList(from, Math.min(all.size(), from + CHUNK)));
        }
        return chunks;
    }
}
