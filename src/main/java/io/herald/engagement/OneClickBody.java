package io.herald.engagement;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.ContentDisposition;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.ParseException;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Whether the body of a POST to {@code /u/{token}} is RFC 8058's one-click unsubscribe and nothing else: the single
 * field {@code List-Unsubscribe=One-Click}, form-urlencoded or as multipart/form-data (mail providers send either).
 * Herald's servlet has multipart parsing off, so the multipart body is read here with Jakarta Mail's MIME parser.
 */
final class OneClickBody {

    /** Larger bodies are not a one-click unsubscribe. */
    static final int MAX_BYTES = 4096;

    private static final String FIELD = "List-Unsubscribe";
    private static final String VALUE = "One-Click";

    private OneClickBody() {
    }

    static boolean isOneClick(String contentType, byte[] body) {
        if (contentType == null || body == null || body.length > MAX_BYTES) {
            return false;
        }
        ContentType type;
        try {
            type = new ContentType(contentType);
        } catch (ParseException unreadable) {
            return false;
        }
        String base = type.getBaseType().toLowerCase(Locale.ROOT);
        if (base.equals("application/x-www-form-urlencoded")) {
            return urlencoded(new String(body, StandardCharsets.US_ASCII).strip());
        }
        if (base.equals("multipart/form-data") && type.getParameter("boundary") != null) {
            return multipart(contentType, body);
        }
        return false;
    }

    private static boolean urlencoded(String body) {
        String[] pair = body.split("=", -1);
        if (body.contains("&") || pair.length != 2) {
            return false;
        }
        try {
            return FIELD.equals(URLDecoder.decode(pair[0], StandardCharsets.UTF_8))
                    && VALUE.equals(URLDecoder.decode(pair[1], StandardCharsets.UTF_8));
        } catch (IllegalArgumentException malformed) {
            return false;
        }
    }

    private static boolean multipart(String contentType, byte[] body) {
        try {
            MimeMultipart parts = new MimeMultipart(new ByteArrayDataSource(body, contentType));
            if (parts.getCount() != 1) {
                return false;
            }
            BodyPart part = parts.getBodyPart(0);
            String[] disposition = part.getHeader("Content-Disposition");
            if (disposition == null || disposition.length != 1) {
                return false;
            }
            ContentDisposition field = new ContentDisposition(disposition[0]);
            if (!"form-data".equalsIgnoreCase(field.getDisposition()) || field.getParameter("filename") != null
                    || !FIELD.equals(field.getParameter("name"))) {
                return false;
            }
            String value = new String(part.getInputStream().readNBytes(MAX_BYTES), StandardCharsets.UTF_8);
            return VALUE.equals(value.strip());
        } catch (MessagingException | IOException unreadable) {
            return false;
        }
    }
}
