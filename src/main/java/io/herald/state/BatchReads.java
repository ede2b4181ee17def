package io.herald.state;

import io.herald.canonical.CanonicalEvent;
import io.herald.support.KafkaBatches;
import io.herald.support.Names;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * A batch of herald.events as read when it opened ({@link EventBatchReads}): its records' events, parsed once, and
 * what those events read by their fingerprints, read for the whole batch: the transitions of the events applied
 * before, whether the timeline has them, and the decisions they triggered. The rows of a fingerprint are written only
 * by its own event, so the batch's other events cannot change these answers; but a retry may find them changed (a
 * failed try is rolled back to its savepoint, but between two tries another consumer may have decided the same
 * record, across a rebalance). So each step of an event takes the batch's answer once, on its first try
 * ({@link #firstRead}), and reads for itself after that, as does an event the batch did not read ahead for (a record
 * it could not parse).
 */
public final class BatchReads {

    /** A step that reads ahead: applying the state, deciding. */
    public enum Step { STATE, DECISION }

    private final Map<String, CanonicalEvent> events;
    private final Set<String> fingerprints;
    private final Set<String> subjectKeys;
    private final Map<String, StateStore.Transition> transitions;
    private final Set<String> inTimeline;
    private final Map<String, String> decisions;
    private final Set<String> taken = ConcurrentHashMap.newKeySet();

    /**
     * @param events       by {@link KafkaBatches#recordId}, the records' events
     * @param fingerprints the fingerprints read ahead for
     * @param subjectKeys  the subjects read ahead for
     * @param transitions  by fingerprint, the transition each event applied before made
     * @param inTimeline   the fingerprints the timeline has, with or without a transition
     * @param decisions    by {@link #decisionKey}, the decisions the events triggered
     */
    BatchReads(Map<String, CanonicalEvent> events, Set<String> fingerprints, Set<String> subjectKeys,
               Map<String, StateStore.Transition> transitions, Set<String> inTimeline, Map<String, String> decisions) {
        this.events = events;
        this.fingerprints = fingerprints;
        this.subjectKeys = subjectKeys;
        this.transitions = transitions;
        this.inTimeline = inTimeline;
        this.decisions = decisions;
    }

    /** The batch this exchange's record belongs to, when it read ahead. */
    static Optional<BatchReads> of(Exchange exchange) {
        return Optional.ofNullable(exchange.getProperty(Names.Property.BATCH_READS, BatchReads.class));
    }

    /** The event of this record, as the batch parsed it when it opened; empty when it could not. */
    Optional<CanonicalEvent> event(Message record) {
        String id = KafkaBatches.recordId(record);
        return id == null ? Optional.empty() : Optional.ofNullable(events.get(id));
    }

    /**
     * The reads of the batch this exchange belongs to, for this step of this event: present when the batch read ahead
     * for the event (and, for a decision, its subject), and only the first time.
     */
    public static Optional<BatchReads> firstRead(Exchange exchange, Step step, String fingerprint, String subjectKey) {
        BatchReads reads = of(exchange).orElse(null);
        boolean covered = reads != null && fingerprint != null && reads.fingerprints.contains(fingerprint)
                && (step != Step.DECISION || reads.subjectKeys.contains(subjectKey));
        return covered && reads.taken.add(step + "\n" + fingerprint) ? Optional.of(reads) : Optional.empty();
    }

    /** The transition this event made when it was applied before. */
    Optional<StateStore.Transition> transition(String fingerprint) {
        return Optional.ofNullable(transitions.get(fingerprint));
    }

    /** Whether the timeline has this event, with or without a transition. */
    boolean inTimeline(String fingerprint) {
        return inTimeline.contains(fingerprint);
    }

    /** The decision this event triggered on this subject, for this type, before. */
    public Optional<String> decision(String subjectKey, String type, String fingerprint) {
        return Optional.ofNullable(decisions.get(decisionKey(subjectKey, type, fingerprint)));
    }

    static String decisionKey(String subjectKey, String type, String fingerprint) {
        return subjectKey + '\n' + type + '\n' + fingerprint;
    }
}
