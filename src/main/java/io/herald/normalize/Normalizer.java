package io.herald.normalize;

import com.dashjoin.jsonata.JException;
import com.dashjoin.jsonata.Jsonata;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.herald.canonical.CanonicalEvent;
import io.herald.config.HeraldProperties;
import io.herald.normalize.MappingRegistry.Mapping;
import io.herald.ops.HeraldMetrics;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Turns a raw payload into canonical events: checks its size, parses it, applies the source's mapping, resolves
 * timestamps, passes each event through the quality gates, validates it and stamps it with its fingerprint.
 * {@link #inspect} has no side effects, for the dry-run API; {@link #normalize}, for the intake routes, also counts
 * what the gates found.
 */
@Component("normalizer")
public class Normalizer {

    private static final List<String> TIMESTAMP_FIELDS = List.of("occurredAt");
    private static final List<String> SHIPMENT_TIMESTAMP_FIELDS = List.of("estimatedDelivery");

    private final MappingRegistry mappings;
    private final HeraldProperties properties;
    private final ObjectMapper reader;
    private final ObjectMapper converter;
    private final EventValidator validator = new EventValidator();
    private final XmlPayloads xml = new XmlPayloads();
    private final TabularPayloads tabular = new TabularPayloads();
    private final QualityGates gates;
    private final HeraldMetrics metrics;

    public Normalizer(MappingRegistry mappings, HeraldProperties properties, ObjectMapper objectMapper,
            HeraldMetrics metrics) {
        this.mappings = mappings;
        this.properties = properties;
        this.metrics = metrics;
        this.gates = new QualityGates(properties);
        this.reader = JsonMapper.builder().build();
        this.reader.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(properties.intake().maxNestingDepth())
                .maxStringLength(properties.intake().maxPayloadBytes())
                .build());
        this.converter = objectMapper.copy()
                .configure(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS, true)
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true)
                .configure(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE, false);
    }

    /** Whether a mapping exists for this source id. */
    public boolean knows(String source) {
        return mappings.find(source).isPresent();
    }

    /**
     * Passes a source id that has a mapping, and throws {@link UnknownSourceException} otherwise. The generic intake
     * calls it first, so a made-up id is answered 404 without being kept or counted under its own name.
     */
    public void requireKnown(String source) {
        if (!knows(source)) {
            throw new UnknownSourceException();
        }
    }

    /** A request for a source id that has no mapping. */
    public static class UnknownSourceException extends RuntimeException {

        public UnknownSourceException() {
            super("No such source");
        }
    }

    /** The events of one payload, and what the quality gates noticed in them. */
    public record Normalized(List<CanonicalEvent> events, List<IntakeFinding> findings) {
    }

    /**
     * Normalizes one payload taken in, and counts the gates' findings by source.
     *
     * @throws IntakeRejectedException with the reason and a detail that is safe to show to the sender
     */
    public List<CanonicalEvent> normalize(String source, byte[] payload) {
        Normalized normalized = inspect(source, payload);
        for (IntakeFinding finding : normalized.findings()) {
            metrics.finding(source, finding.check(), finding.outcome());
        }
        return normalized.events();
    }

    /**
     * Normalizes one payload without any side effect.
     *
     * @throws IntakeRejectedException with the reason and a detail that is safe to show to the sender
     */
    public Normalized inspect(String source, byte[] payload) {
        Mapping mapping = mappingOf(source);
        requireContent(payload);
        int limit = properties.intake().maxPayloadBytes();
        if (payload.length > limit) {
            throw new IntakeRejectedException(RejectReason.PAYLOAD_TOO_LARGE,
                    "The payload has " + payload.length + " bytes; the limit is " + limit);
        }
        Object input = parse(source, payload);
        Object mapped = evaluate(mapping, input);
        ZoneId zone = properties.zoneOf(source);
        List<CanonicalEvent> events = new ArrayList<>();
        List<IntakeFinding> findings = new ArrayList<>();
        int index = 0;
        for (Object item : asList(mapped)) {
            events.add(toEvent(source, item, zone, index++, findings));
        }
        return new Normalized(events, findings);
    }

    /**
     * Cuts a file of a source into the payloads of its records, for intakes that take records one by one (the file
     * drop): one per CSV or fixed-width record, each readable on its own, or the whole file for a JSON or XML source.
     *
     * @throws IntakeRejectedException when the source is unknown or the file cannot be read as its format
     */
    public List<byte[]> records(String source, byte[] file) {
        mappingOf(source);
        requireContent(file);
        HeraldProperties.Source settings = properties.source(source);
        return TabularPayloads.handles(settings) ? tabular.split(file, settings) : List.of(file);
    }

    private Mapping mappingOf(String source) {
        return mappings.find(source).orElseThrow(() ->
                new IntakeRejectedException(RejectReason.UNKNOWN_SOURCE, "No source with id '" + safe(source) + "'"));
    }

    private static void requireContent(byte[] payload) {
        if (payload == null || payload.length == 0) {
            throw new IntakeRejectedException(RejectReason.UNPARSEABLE, "The payload is empty");
        }
    }

    private Object parse(String source, byte[] payload) {
        HeraldProperties.Source settings = properties.source(source);
        if (TabularPayloads.handles(settings)) {
            return tabular.read(payload, settings);
        }
        if (XmlPayloads.looksLikeXml(payload)) {
            return xml.read(payload);
        }
        try {
            return reader.readValue(payload, Object.class);
        } catch (JsonProcessingException e) {
            String what = e.getOriginalMessage();
            if (what != null && what.contains("nesting depth")) {
                throw new IntakeRejectedException(RejectReason.UNPARSEABLE,
                        "The JSON is nested deeper than " + properties.intake().maxNestingDepth() + " levels");
            }
            throw new IntakeRejectedException(RejectReason.UNPARSEABLE, "The payload is not valid JSON: "
                    + e.getOriginalMessage().lines().findFirst().orElse("") + locationOf(e));
        } catch (java.io.IOException e) {
            throw new IntakeRejectedException(RejectReason.UNPARSEABLE, "The payload cannot be read");
        }
    }

    private static String locationOf(JsonProcessingException e) {
        return e.getLocation() == null ? ""
                : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
    }

    private static Object evaluate(Mapping mapping, Object input) {
        try {
            // A fresh expression per call. jsonata-java 0.9.x is not made for reuse: an expression evaluated again
            // nests its environment one frame deeper each time (lookups slow down without bound), and instances
            // share evaluation state through a per-thread "current" instance.
            Jsonata expression = Jsonata.jsonata(mapping.expression());
            Jsonata.Frame frame = expression.createFrame();
            frame.bind("source", mapping.source());
            return expression.evaluate(input, frame);
        } catch (JException e) {
            throw new IntakeRejectedException(RejectReason.MAPPING_FAILED,
                    "The mapping of '" + mapping.source() + "' failed: " + e.getMessage());
        } catch (RuntimeException e) {
            throw new IntakeRejectedException(RejectReason.MAPPING_FAILED,
                    "The mapping of '" + mapping.source() + "' failed on this payload");
        }
    }

    private static Collection<?> asList(Object mapped) {
        if (mapped == null) {
            throw new IntakeRejectedException(RejectReason.MAPPING_FAILED,
                    "The payload has none of the fields the mapping needs");
        }
        if (mapped instanceof Collection<?> many) {
            if (many.isEmpty()) {
                throw new IntakeRejectedException(RejectReason.MAPPING_FAILED, "The payload maps to no event");
            }
            return many;
        }
        return List.of(mapped);
    }

    @SuppressWarnings("unchecked")
    private CanonicalEvent toEvent(String source, Object item, ZoneId sourceZone, int index,
            List<IntakeFinding> findings) {
        if (!(item instanceof Map<?, ?> raw)) {
            throw new IntakeRejectedException(RejectReason.MAPPING_FAILED, "Event " + index + " is not an object");
        }
        Map<String, Object> fields = new LinkedHashMap<>((Map<String, Object>) raw);
        fields.put("source", source);
        fields.remove("fingerprint");
        Object zoneHint = fields.remove("zone");
        Object regionHint = fields.remove("region");
        ZoneId zone = sourceZone;
        try {
            if (zoneHint != null && !zoneHint.toString().isBlank()) {
                zone = ZoneId.of(zoneHint.toString());
            }
            resolveTimestamps(fields, TIMESTAMP_FIELDS, zone);
            if (fields.get("shipment") instanceof Map<?, ?> shipment) {
                Map<String, Object> copy = new LinkedHashMap<>((Map<String, Object>) shipment);
                resolveTimestamps(copy, SHIPMENT_TIMESTAMP_FIELDS, zone);
                fields.put("shipment", copy);
            }
            CanonicalEvent event = gates.apply(source, converter.convertValue(fields, CanonicalEvent.class),
                    regionHint == null ? null : regionHint.toString(), index, findings);
            validator.validate(event, index);
            return event.withFingerprint(Fingerprints.of(event));
        } catch (IllegalArgumentException e) {
            throw new IntakeRejectedException(RejectReason.INVALID_EVENT,
                    "Event " + index + " is invalid: " + firstLine(e.getMessage()));
        } catch (java.time.DateTimeException e) {
            throw new IntakeRejectedException(RejectReason.INVALID_EVENT,
                    "Event " + index + " names an unknown time zone");
        }
    }

    private static void resolveTimestamps(Map<String, Object> fields, List<String> names, ZoneId zone) {
        for (String name : names) {
            Object value = fields.get(name);
            if (value != null) {
                try {
                    fields.put(name, Timestamps.resolve(value, zone).toString());
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(name + " is " + e.getMessage());
                }
            }
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable value";
        }
        String line = message.lines().findFirst().orElse(message);
        int reference = line.indexOf(" (through reference chain");
        return reference > 0 ? line.substring(0, reference) : line;
    }

    private static String safe(String text) {
        if (text == null) {
            return "";
        }
        String cut = text.length() > 64 ? text.substring(0, 64) : text;
        return cut.replaceAll("[^A-Za-z0-9._-]", "?");
    }
}
