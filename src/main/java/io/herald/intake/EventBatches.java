package io.herald.intake;

import io.herald.canonical.CanonicalEvent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Prepares the events of one payload for Kafka. A payload often carries a subject's whole history (a carrier
 * webhook lists every scan): the events are ordered by time, and all but the newest of each subject are marked as
 * superseded, so the customer hears about where the parcel is now, not about every scan of the past.
 */
@Component("eventBatches")
public class EventBatches {

    public List<OutgoingEvent> prepare(List<CanonicalEvent> events) {
        List<CanonicalEvent> ordered = new ArrayList<>(events);
        ordered.sort(Comparator.comparing(CanonicalEvent::occurredAt));
        Map<String, Integer> newest = new HashMap<>();
        for (int i = 0; i < ordered.size(); i++) {
            newest.put(ordered.get(i).partitionKey(), i);
        }
        List<OutgoingEvent> result = new ArrayList<>(ordered.size());
        for (int i = 0; i < ordered.size(); i++) {
            CanonicalEvent event = ordered.get(i);
            boolean superseded = newest.get(event.partitionKey()) != i;
            result.add(new OutgoingEvent(event.partitionKey(), superseded, event));
        }
        return result;
    }

    /** One event as it goes to Kafka: its key, whether it is superseded, and the event. */
    public record OutgoingEvent(String key, boolean superseded, CanonicalEvent event) {
    }
}
