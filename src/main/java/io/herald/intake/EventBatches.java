package io.herald.intake;

import io.herald.canonical.CanonicalEvent;
import io.herald.support.Names;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.kafka.KafkaConstants;
import org.springframework.stereotype.Component;

/**
 * Prepares the events of one payload for Kafka. A payload often carries a subject's whole history (a carrier
 * webhook lists every scan): the events are ordered by time, and all but the newest of each subject are marked as
 * superseded, so the customer hears about where the parcel is now, not about every scan of the past.
 */
@Component("eventBatches")
public class EventBatches {

    /**
     * The payload's events, oldest first, all but the newest of each subject superseded; and, as exchange properties,
     * how many there are and when the newest happened (sourceHealth counts them).
     */
    public List<OutgoingEvent> prepare(List<CanonicalEvent> events, Exchange exchange) {
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
        exchange.setProperty(Names.Property.EVENT_COUNT, result.size());
        exchange.setProperty(Names.Property.NEWEST_EVENT_AT,
                result.isEmpty() ? null : result.get(result.size() - 1).event().occurredAt());
        return result;
    }

    /**
     * One of the payload's events as its Kafka record: the event the body, keyed by its subject, with the header
     * {@code heraldSuperseded} "true" or "false". In Java rather than as Simple's {@code ${body.key}} and the like,
     * each of which copies the whole exchange to call one getter.
     */
    public void toRecord(Exchange exchange) {
        Message message = exchange.getMessage();
        OutgoingEvent outgoing = message.getBody(OutgoingEvent.class);
        message.setHeader(KafkaConstants.KEY, outgoing.key());
        message.setHeader(Names.Header.SUPERSEDED, Boolean.toString(outgoing.superseded()));
        message.setBody(outgoing.event());
    }

    /** One event as it goes to Kafka: its key, whether it is superseded, and the event. */
    public record OutgoingEvent(String key, boolean superseded, CanonicalEvent event) {
    }
}
