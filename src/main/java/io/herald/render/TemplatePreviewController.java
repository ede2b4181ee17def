package io.herald.render;

import io.herald.canonical.CanonicalEvent;
import io.herald.support.ProblemAnswers;
import java.util.TreeSet;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/templates/preview}: renders any type, channel and locale, for a built-in sample or a given
 * canonical event, with the SMS encoding and segment count, for the people who write copy. No side effect.
 */
@RestController
class TemplatePreviewController {


    private final MessageRenderer renderer;

    TemplatePreviewController(MessageRenderer renderer) {
        this.renderer = renderer;
    }

    @PostMapping(path = "/api/v1/templates/preview", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> preview(@RequestBody PreviewRequest request) {
        if (request.type() == null || !PreviewSamples.TYPES.contains(request.type())
                || !renderer.supports(request.channel(), request.type())) {
            return problem("unknown-template", "Unknown template", "Herald has no templates for this type and "
                    + "channel. Types: " + String.join(", ", new TreeSet<>(PreviewSamples.TYPES))
                    + "; channels: email, sms, push.");
        }
        CanonicalEvent event = request.event();
        MessageFacts facts = event == null ? PreviewSamples.of(request.type())
                : PreviewSamples.from(request.type(), event);
        String locale = request.locale() != null ? request.locale()
                : event != null && event.customer() != null ? event.customer().locale() : null;
        try {
            RenderedMessage rendered = renderer.render(facts, request.channel(), locale,
                    PreviewSamples.zoneOf(event));
            return ResponseEntity.ok(new Preview(request.type(), request.channel(), rendered.locale(),
                    rendered.subject(), rendered.text(), rendered.html(), rendered.encoding(), rendered.segments()));
        } catch (IllegalStateException failed) {
            return problem("render-failed", "Template cannot be rendered", failed.getMessage());
        }
    }

    private static ResponseEntity<ProblemDetail> problem(String type, String title, String detail) {
        return ProblemAnswers.of(HttpStatus.UNPROCESSABLE_ENTITY, type, title, detail);
    }

    /**
     * @param locale like {@code fr} or {@code fr-CA}; when unset, the event's customer's, else the default locale
     * @param event  an optional canonical event; its values replace the sample's
     */
    record PreviewRequest(String type, String channel, String locale, CanonicalEvent event) {
    }

    record Preview(String type, String channel, String locale, String subject, String text, String html,
                   String encoding, int segments) {
    }
}
