package io.herald.feedback;

import com.fasterxml.jackson.databind.JsonNode;
import io.herald.feedback.DeliveryFeedback.Kind;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Mailgun's event webhook, {@code POST /api/v1/email/events/mailgun} (documentation.mailgun.com, "Webhooks"): JSON
 * with {@code signature.{timestamp,token,signature}}, the signature being the hex HMAC-SHA256 of timestamp followed by
 * token, keyed with the webhook signing key ({@code herald.channels.email.mailgun.signing-key}), compared in constant
 * time. A {@code failed} event of severity {@code permanent} is a hard bounce, {@code complained} a complaint: each
 * suppresses the address of the attempt its {@code message.headers.message-id} names. Other events are taken and
 * ignored. A wrong or missing signature, or no signing key configured, gets 401 problem+json.
 */
@RestController
class MailgunEventsController {

    private final byte[] signingKey;
    private final DeliveryFeedback feedback;

    MailgunEventsController(@Value("${herald.channels.email.mailgun.signing-key:}") String signingKey,
                            DeliveryFeedback feedback) {
        this.signingKey = signingKey == null || signingKey.isBlank() ? null
                : signingKey.getBytes(StandardCharsets.UTF_8);
        this.feedback = feedback;
    }

    @PostMapping(path = "/api/v1/email/events/mailgun", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> event(@RequestBody JsonNode body) {
        JsonNode signature = body.path("signature");
        if (!signed(signature.path("timestamp").asText(""), signature.path("token").asText(""),
                signature.path("signature").asText(""))) {
            return ResponseEntity.status(HttpStatus.UNAUTHORIZED).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .body(Map.of("type", "https://herald.dev/problems/unauthorized", "title", "Unauthorized",
                            "status", 401, "detail", "The webhook's signature is missing or does not match."));
        }
        JsonNode event = body.path("event-data");
        String name = event.path("event").asText("").toLowerCase(Locale.ROOT);
        String messageId = event.path("message").path("headers").path("message-id").asText(null);
        Kind kind = "complained".equals(name) ? Kind.COMPLAINT
                : "failed".equals(name) && "permanent".equalsIgnoreCase(event.path("severity").asText("")) ? Kind.BOUNCE
                : null;
        boolean matched = false;
        if (kind != null) {
            JsonNode status = event.path("delivery-status");
            String detail = kind == Kind.COMPLAINT ? null
                    : (status.path("code").asText("") + " " + status.path("message").asText("")).strip();
            matched = feedback.emailReport(messageId, kind, "mailgun", detail);
        }
        return ResponseEntity.ok(Map.of("status", kind == null ? "ignored" : matched ? "recorded" : "unmatched"));
    }

    /** Whether the signature is Mailgun's: hex HMAC-SHA256 of timestamp + token with the signing key. */
    boolean signed(String timestamp, String token, String signature) {
        if (signingKey == null || signature.isEmpty()) {
            return false;
        }
        return MessageDigest.isEqual(sign(signingKey, timestamp + token).getBytes(StandardCharsets.US_ASCII),
                signature.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
    }

    static String sign(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }
}
