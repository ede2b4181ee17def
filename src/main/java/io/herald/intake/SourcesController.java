package io.herald.intake;

import io.herald.config.HeraldProperties;
import io.herald.config.HeraldProperties.Gate;
import io.herald.config.HeraldProperties.Gates;
import io.herald.config.HeraldProperties.Source;
import io.herald.normalize.MappingRegistry;
import io.herald.support.ProblemAnswers;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/sources} and {@code GET /api/v1/sources/{id}}: each source's settings as Herald reads them, with
 * the defaults applied, so that an integration engineer sees whether a settings file was read. A source is any id
 * with a mapping or with settings. The secret is never shown, only whether there is one.
 */
@RestController
class SourcesController {


    private final HeraldProperties properties;
    private final MappingRegistry mappings;
    private final WebhookSignatures signatures;
    private final SourceTopics topics;
    private final String inboxRoot;

    SourcesController(HeraldProperties properties, MappingRegistry mappings, WebhookSignatures signatures,
                      SourceTopics topics, @Value("${herald.inbox.root}") String inboxRoot) {
        this.properties = properties;
        this.mappings = mappings;
        this.signatures = signatures;
        this.topics = topics;
        this.inboxRoot = inboxRoot.endsWith("/") ? inboxRoot : inboxRoot + "/";
    }

    @GetMapping(path = "/api/v1/sources", produces = MediaType.APPLICATION_JSON_VALUE)
    Sources list() {
        Set<String> ids = new TreeSet<>(mappings.sources());
        if (properties.sources() != null) {
            ids.addAll(properties.sources().keySet());
        }
        return new Sources(ids.stream().map(this::settingsOf).toList());
    }

    @GetMapping(path = "/api/v1/sources/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> one(@PathVariable String id) {
        boolean configured = properties.sources() != null && properties.sources().containsKey(id);
        if (!configured && mappings.find(id).isEmpty()) {
            return ProblemAnswers.of(HttpStatus.NOT_FOUND, "unknown-source", "Unknown source",
                    "Herald has neither a mapping nor settings for this source id.");
        }
        return ResponseEntity.ok(settingsOf(id));
    }

    private SourceSettings settingsOf(String id) {
        Source source = properties.source(id);
        boolean mapped = mappings.find(id).isPresent();
        ZoneId zone = properties.zoneOf(id);
        Gates gates = properties.gatesOf(id);
        boolean tabular = source.format() != null && !source.format().isBlank();
        String format = tabular ? source.format().trim().toLowerCase(Locale.ROOT) : "json-or-xml";
        return new SourceSettings(id,
                new Mapping(mapped, mapped ? mappings.locationOf(id) : null),
                signatures.settingsOf(id),
                zone == null ? null : zone.getId(),
                properties.phoneRegionOf(id),
                new GateSettings(name(gates.trackingNumber()), name(gates.phone()), name(gates.email())),
                new Format(format, "csv".equals(format) ? delimiter(source) : null,
                        "fixed-width".equals(format) ? source.columns() : null),
                new WaysIn("POST /api/v1/intake/" + id, topics.topicOf(id), inboxRoot + id + "/"));
    }

    private static String delimiter(Source source) {
        return source.delimiter() == null || source.delimiter().isEmpty() ? "," : source.delimiter();
    }

    private static String name(Gate gate) {
        return gate.name().toLowerCase(Locale.ROOT);
    }

    record Sources(List<SourceSettings> sources) {
    }

    /**
     * @param mapping     whether the source has a mapping, and where
     * @param signature   how its webhooks are checked
     * @param zone        the zone of its timestamps without an offset, its own or the intake's default; null refuses
     *                    such timestamps unless the event's place names a zone
     * @param phoneRegion the region of its national phone numbers, its own or the intake's default
     * @param gates       each quality gate, strict or lenient, its own or the intake's
     * @param format      how its payloads are written
     * @param waysIn      where it can send: the webhook, its Kafka topic, its inbox folder
     */
    record SourceSettings(String id, Mapping mapping, WebhookSignatures.Settings signature, String zone,
                          String phoneRegion, GateSettings gates, Format format, WaysIn waysIn) {
    }

    record Mapping(boolean present, String file) {
    }

    record GateSettings(String trackingNumber, String phone, String email) {
    }

    /**
     * @param format    {@code json-or-xml}, {@code csv} or {@code fixed-width}
     * @param delimiter a CSV source's delimiter
     * @param columns   a fixed-width source's columns
     */
    record Format(String format, String delimiter, String columns) {
    }

    /**
     * @param http       the webhook
     * @param kafkaTopic its topic, {@code herald.in.<id>}; null when {@code herald.kafka.topics.sources} does not
     *                   take that name
     * @param inbox      its file drop folder
     */
    record WaysIn(String http, String kafkaTopic, String inbox) {
    }
}
