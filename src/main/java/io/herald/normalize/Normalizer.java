package io.herald.normalize;

import com.dashjoin.jsonata.JException;
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
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;
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
    private final LocalZones localZones = new LocalZones();
    private final QualityGates gates;
    private final HeraldMetrics metrics;
    private final Clock clock;
    /** The parsed expression of each source's mapping, for the version of it {@link MappingRegistry} last found. */
    private final ConcurrentMap<String, MappingExpression> expressions = new ConcurrentHashMap<>();

    /**
     * @param clock the time mappings read as {@code $now()}
     */
    public Normalizer(MappingRegistry mappings, HeraldProperties properties, ObjectMapper objectMapper,
            HeraldMetrics metrics, Clock clock) {
        this.mappings = mappings;
        this.properties = properties;
        this.metrics = metrics;
        this.clock = clock;
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

    /**
     * The events of one payload, what the quality gates noticed in them, and how the events whose timestamps had no
     * offset found their zone.
     */
    public record Normalized(List<CanonicalEvent> events, List<IntakeFinding> findings, List<LocalTime> localTimes) {
    }

    /**
     * An event whose timestamp(s) had no offset, and the zone they were read in.
     *
     * @param via {@code event} (the mapping named the zone), {@code country}, {@code state}, {@code zip},
     *            {@code city}, {@code principal} (see {@link LocalZones}), {@code source}
     *            ({@code herald.sources.<id>.zone}) or {@code default} ({@code herald.intake.default-zone})
     */
    public record LocalTime(int index, String via, ZoneId zone) {
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
        for (LocalTime local : normalized.localTimes()) {
            metrics.localTime(source, local.via());
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
        List<CanonicalEvent> events = new ArrayList<>();
        List<IntakeFinding> findings = new ArrayList<>();
        List<LocalTime> localTimes = new ArrayList<>();
        int index = 0;
        for (Object item : asList(mapped)) {
            events.add(toEvent(source, item, index++, findings, localTimes));
        }
        return new Normalized(events, findings, localTimes);
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
            try {
                return xml.read(payload);
            } catch (IntakeRejectedException e) {
                throw wrongEncoding(payload, XmlPayloads.declaredCharset(payload)).orElse(e);
            }
        }
        try {
            return reader.readValue(payload, Object.class);
        } catch (JsonProcessingException e) {
            Optional<IntakeRejectedException> wrongEncoding = wrongEncoding(payload, StandardCharsets.UTF_8);
            if (wrongEncoding.isPresent()) {
                throw wrongEncoding.get();
            }
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

    /**
     * The refusal of a payload that failed to parse because its bytes are not valid in the encoding it declares (an
     * XML declaration) or must have (JSON is UTF-8), so that a sender is told to fix its encoding, not to retry.
     */
    private static Optional<IntakeRejectedException> wrongEncoding(byte[] payload, Charset charset) {
        try {
            charset.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(payload));
            return Optional.empty();
        } catch (CharacterCodingException e) {
            return Optional.of(new IntakeRejectedException(RejectReason.INVALID_ENCODING,
                    "The payload is not valid " + charset.name() + ": fix the bytes or the declared encoding"));
        }
    }

    private static String locationOf(JsonProcessingException e) {
        return e.getLocation() == null ? ""
                : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
    }

    private Object evaluate(Mapping mapping, Object input) {
        try {
            return expressionOf(mapping).evaluate(input);
        } catch (JException e) {
            throw new IntakeRejectedException(RejectReason.MAPPING_FAILED,
                    "The mapping of '" + mapping.source() + "' failed: " + e.getMessage());
        } catch (RuntimeException e) {
            throw new IntakeRejectedException(RejectReason.MAPPING_FAILED,
                    "The mapping of '" + mapping.source() + "' failed on this payload");
        }
    }

    /**
     * The parsed expression of this version of a mapping: parsed on its first payload, and again only when the
     * registry finds a new version (a new {@link Mapping}). A mapping that does not parse is not kept.
     */
    MappingExpression expressionOf(Mapping mapping) {
        MappingExpression parsed = expressions.get(mapping.source());
        if (parsed != null && parsed.mapping() == mapping) {
            return parsed;
        }
        MappingExpression fresh = MappingExpression.parse(mapping, clock);
        expressions.put(mapping.source(), fresh);
        return fresh;
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
    private CanonicalEvent toEvent(String source, Object item, int index, List<IntakeFinding> findings,
            List<LocalTime> localTimes) {
        if (!(item instanceof Map<?, ?> raw)) {
            throw new IntakeRejectedException(RejectReason.MAPPING_FAILED, "Event " + index + " is not an object");
        }
        Map<String, Object> fields = new LinkedHashMap<>((Map<String, Object>) raw);
        fields.put("source", source);
        fields.remove("fingerprint");
        Object zoneHint = fields.remove("zone");
        Object placeHint = fields.remove("place");
        Object regionHint = fields.remove("region");
        try {
            ZoneOfEvent zone = new ZoneOfEvent(source, zoneHint, placeHint);
            resolveTimestamps(fields, TIMESTAMP_FIELDS, zone, false);
            if (fields.get("shipment") instanceof Map<?, ?> shipment) {
                Map<String, Object> copy = new LinkedHashMap<>((Map<String, Object>) shipment);
                resolveTimestamps(copy, SHIPMENT_TIMESTAMP_FIELDS, zone, true);
                attemptReason(copy);
                destination(copy);
                fields.put("shipment", copy);
            }
            CanonicalEvent event = gates.apply(source, converter.convertValue(fields, CanonicalEvent.class),
                    regionHint == null ? null : regionHint.toString(), index, findings);
            validator.validate(event, index);
            if (zone.found != null) {
                localTimes.add(new LocalTime(index, zone.found.via(), zone.found.zone()));
            }
            return event.withFingerprint(Fingerprints.of(event));
        } catch (IllegalArgumentException e) {
            throw new IntakeRejectedException(RejectReason.INVALID_EVENT,
                    "Event " + index + " is invalid: " + firstLine(e.getMessage()));
        } catch (java.time.DateTimeException e) {
            throw new IntakeRejectedException(RejectReason.INVALID_EVENT,
                    "Event " + index + " names an unknown time zone");
        }
    }

    /**
     * The zone of one event's local times, looked up only when a timestamp has no offset: the zone the mapping names,
     * else the event's place ({@link LocalZones}), else the source's zone, else the default zone; none of them, and
     * the timestamp is refused.
     */
    private final class ZoneOfEvent implements Supplier<ZoneId> {

        private final String source;
        private final Object zoneHint;
        private final Object placeHint;
        private LocalZones.Found found;
        private boolean looked;

        ZoneOfEvent(String source, Object zoneHint, Object placeHint) {
            this.source = source;
            this.zoneHint = zoneHint;
            this.placeHint = placeHint;
        }

        @Override
        public ZoneId get() {
            if (!looked) {
                looked = true;
                found = find();
            }
            return found == null ? null : found.zone();
        }

        private LocalZones.Found find() {
            if (zoneHint != null && !zoneHint.toString().isBlank()) {
                return new LocalZones.Found(ZoneId.of(zoneHint.toString().trim()), "event");
            }
            // one place, or a list of them tried in turn (the scan's place, then the destination)
            for (Object hint : placeHint instanceof List<?> many ? many : java.util.Collections.singletonList(placeHint)) {
                if (hint instanceof Map<?, ?> place) {
                    var byPlace = localZones.of(new LocalZones.Place(part(place, "country"), part(place, "state"),
                            part(place, "postalCode"), part(place, "city")));
                    if (byPlace.isPresent()) {
                        return byPlace.get();
                    }
                }
            }
            ZoneId configured = properties.source(source).zone();
            if (configured != null) {
                return new LocalZones.Found(configured, "source");
            }
            ZoneId fallback = properties.zoneOf(source);
            return fallback == null ? null : new LocalZones.Found(fallback, "default");
        }

        private static String part(Map<?, ?> place, String name) {
            Object value = place.get(name);
            return value == null ? null : value.toString();
        }
    }

    /**
     * The shipment's destination with its parts trimmed, and its zone: the one the mapping names (checked), else the
     * zone of the place ({@link LocalZones}, any way it finds one), else none. A destination with no part is left out.
     */
    @SuppressWarnings("unchecked")
    private void destination(Map<String, Object> shipment) {
        if (!(shipment.get("destination") instanceof Map<?, ?> raw)) {
            return;
        }
        // its own copy, parts trimmed and blank ones left out; a field the model does not know is refused later
        Map<String, Object> destination = new LinkedHashMap<>((Map<String, Object>) raw);
        for (String part : List.of("country", "state", "postalCode", "city", "zone")) {
            String value = MappingFunctions.text(destination.remove(part));
            if (value != null) {
                destination.put(part, value);
            }
        }
        destination.values().removeIf(java.util.Objects::isNull);
        if (destination.isEmpty()) {
            shipment.remove("destination");
            return;
        }
        if (destination.containsKey("zone")) {
            destination.put("zone", ZoneId.of(destination.get("zone").toString()).getId());
        } else {
            localZones.of(new LocalZones.Place((String) destination.get("country"), (String) destination.get("state"),
                            (String) destination.get("postalCode"), (String) destination.get("city")))
                    .ifPresent(found -> destination.put("zone", found.zone().getId()));
        }
        shipment.put("destination", destination);
    }

    /**
     * Resolves the named timestamps in place. An optional one (the estimated delivery, often a bare date) that has no
     * offset and no zone to read it in is left out rather than refusing the event: the scan itself is still true.
     */
    /**
     * A failed attempt whose mapping named no reason (the source gave no code for it) takes the reason its wording
     * names, if any: "No one available to sign" is RECIPIENT_UNAVAILABLE, whatever the source.
     */
    private static void attemptReason(Map<String, Object> shipment) {
        if ("ATTEMPT_FAILED".equals(shipment.get("status")) && shipment.get("exceptionReason") == null) {
            String reason = MappingFunctions.reasonOf(shipment.get("statusText"));
            if (reason != null) {
                shipment.put("exceptionReason", reason);
            }
        }
    }

    private static void resolveTimestamps(Map<String, Object> fields, List<String> names, Supplier<ZoneId> zone,
            boolean optional) {
        for (String name : names) {
            Object value = fields.get(name);
            if (value != null) {
                try {
                    fields.put(name, Timestamps.resolve(value, zone).toString());
                } catch (Timestamps.NoZoneException e) {
                    if (!optional) {
                        throw new IllegalArgumentException(name + " is " + e.getMessage());
                    }
                    fields.remove(name);
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
