package io.herald.sms;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/sms/inbound}: Twilio's inbound message webhook, form-encoded ({@code From}, {@code To},
 * {@code Body}, {@code MessageSid}, ...). Answers TwiML: {@code <Response><Message>…</Message></Response>}, or an
 * empty {@code <Response/>} when Herald does not answer. {@code TwilioSignatureFilter} checks
 * {@code X-Twilio-Signature} before the request gets here.
 */
@RestController
class SmsInboundController {

    static final String PATH = "/api/v1/sms/inbound";
    private static final MediaType TEXT_XML = new MediaType("text", "xml", java.nio.charset.StandardCharsets.UTF_8);

    private final InboundSms inbound;

    SmsInboundController(InboundSms inbound) {
        this.inbound = inbound;
    }

    @PostMapping(path = PATH, consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    ResponseEntity<String> inbound(@RequestParam("From") String from,
                                   @RequestParam(name = "Body", defaultValue = "") String body,
                                   @RequestParam(name = "MessageSid", required = false) String messageSid) {
        String reply = inbound.answer(from.strip(), body, messageSid);
        return ResponseEntity.ok().contentType(TEXT_XML).body(twiml(reply));
    }

    /** The TwiML answer: one message, or none. */
    static String twiml(String reply) {
        String head = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>";
        return reply == null || reply.isBlank() ? head + "<Response/>"
                : head + "<Response><Message>" + xml(reply) + "</Message></Response>";
    }

    private static String xml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&apos;");
    }
}
