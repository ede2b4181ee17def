package io.herald.state;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.herald.canonical.CanonicalEvent;
import io.herald.support.KafkaBatches;
import io.herald.support.Names;
import io.herald.support.SqlFiles;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.camel.Exchange;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Reads ahead, once for a batch of herald.events, what each of its events would read by its fingerprint
 * ({@link BatchReads}): two queries for the batch instead of three for every event. Called by events-decide-batch
 * in the batch's transaction, before its events are applied.
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
        Set<String> fingerprints = new LinkedHashSet<>();
        Set<String> subjectKeys = new LinkedHashSet<>();
        for (Exchange record : KafkaBatches.recordsOf(batch)) {
            String[] read = fingerprintAndSubject(record.getMessage().getBody(String.class));
            if (read != null) {
                fingerprints.add(read[0]);
                subjectKeys.add(read[1]);
            }
        }
        if (fingerprints.isEmpty()) {
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
                new BatchReads(fingerprints, subjectKeys, transitions, inTimeline, decisions));
    }

    /**
     * The event's fingerprint and subject, or null when the record cannot be read as an event: its own step then
     * fails it, with the reason, as without the read-ahead.
     */
    private String[] fingerprintAndSubject(String body) {
        try {
            CanonicalEvent event = json.readValue(body, CanonicalEvent.class);
            return event.fingerprint() == null ? null
                    : new String[] {event.fingerprint(), StateStore.subjectKeyOf(event)};
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
