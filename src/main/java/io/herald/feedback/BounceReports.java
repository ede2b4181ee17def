package io.herald.feedback;

import io.herald.feedback.DeliveryFeedback.Kind;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.component.mail.MailMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Reads delivery status notifications (RFC 3464) from the bounce mailbox (route email-bounces-read): a
 * {@code multipart/report; report-type=delivery-status} whose {@code message/delivery-status} part has a recipient
 * with {@code Action: failed} and a permanent {@code Status: 5.x.x} is a hard bounce of the mail whose Message-ID the
 * returned original (a {@code message/rfc822} or {@code text/rfc822-headers} part) carries. Delays (4.x.x), successes
 * and mail that is not a report are read and left alone.
 */
@Component("bounceReports")
public class BounceReports {

    private static final Logger LOG = LoggerFactory.getLogger(BounceReports.class);

    private final DeliveryFeedback feedback;

    public BounceReports(DeliveryFeedback feedback) {
        this.feedback = feedback;
    }

    /** A hard bounce found in a report: the original's Message-ID and the failed recipient's status. */
    record HardBounce(String messageId, String status, String diagnostic) {
    }

    /** Reads the mail the mailbox consumer took; records a hard bounce. */
    public void read(Exchange exchange) throws MessagingException, IOException {
        MailMessage mail = exchange.getIn(MailMessage.class);
        jakarta.mail.Message message = mail == null ? exchange.getIn().getBody(jakarta.mail.Message.class)
                : mail.getOriginalMessage();
        if (message == null) {
            return;
        }
        Optional<HardBounce> bounce = hardBounce(message);
        if (bounce.isEmpty()) {
            LOG.debug("A mail in the bounce mailbox is no hard bounce report; left alone");
            return;
        }
        HardBounce b = bounce.get();
        feedback.emailReport(b.messageId(), Kind.BOUNCE, "dsn",
                b.status() + (b.diagnostic() == null ? "" : " " + b.diagnostic()));
    }

    /** The hard bounce a delivery status notification reports, if it is one. */
    static Optional<HardBounce> hardBounce(Part report) throws MessagingException, IOException {
        ContentType type = new ContentType(report.getContentType());
        if (!type.match("multipart/report")
                || !"delivery-status".equalsIgnoreCase(String.valueOf(type.getParameter("report-type")))) {
            return Optional.empty();
        }
        Multipart parts = (Multipart) report.getContent();
        String status = null;
        String diagnostic = null;
        String messageId = null;
        for (int i = 0; i < parts.getCount(); i++) {
            BodyPart part = parts.getBodyPart(i);
            if (part.isMimeType("message/delivery-status")) {
                List<List<String[]>> blocks = fieldBlocks(text(part));
                // the first block is about the message, each further one about a recipient
                for (List<String[]> block : blocks.subList(1, blocks.size())) {
                    String action = field(block, "Action");
                    String blockStatus = field(block, "Status");
                    if ("failed".equalsIgnoreCase(action) && blockStatus != null && blockStatus.startsWith("5")) {
                        status = blockStatus;
                        diagnostic = field(block, "Diagnostic-Code");
                    }
                }
            } else if (part.isMimeType("message/rfc822") || part.isMimeType("text/rfc822-headers")) {
                messageId = field(fieldBlocks(text(part)).get(0), "Message-ID");
            }
        }
        return status == null || messageId == null ? Optional.empty()
                : Optional.of(new HardBounce(messageId, status, diagnostic));
    }

    /** A part's bytes as text (delivery status fields and headers are US-ASCII; UTF-8 reads them too). */
    private static String text(Part part) throws MessagingException, IOException {
        Object content = part.getContent();
        if (content instanceof MimeMessage original) {
            ByteArrayOutputStream headers = new ByteArrayOutputStream();
            for (String line : java.util.Collections.list(original.getAllHeaderLines())) {
                headers.writeBytes((line + "\r\n").getBytes(StandardCharsets.UTF_8));
            }
            return headers.toString(StandardCharsets.UTF_8);
        }
        if (content instanceof String s) {
            return s;
        }
        try (InputStream in = part.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Header-style fields in blocks separated by blank lines; continuation lines are unfolded. */
    static List<List<String[]>> fieldBlocks(String text) {
        List<List<String[]>> blocks = new ArrayList<>();
        List<String[]> block = new ArrayList<>();
        for (String line : text.replace("\r\n", "\n").split("\n", -1)) {
            if (line.isBlank()) {
                if (!block.isEmpty()) {
                    blocks.add(block);
                    block = new ArrayList<>();
                }
            } else if ((line.startsWith(" ") || line.startsWith("\t")) && !block.isEmpty()) {
                String[] last = block.get(block.size() - 1);
                last[1] = last[1] + " " + line.strip();
            } else {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    block.add(new String[] {line.substring(0, colon).strip(), line.substring(colon + 1).strip()});
                }
            }
        }
        if (!block.isEmpty()) {
            blocks.add(block);
        }
        if (blocks.isEmpty()) {
            blocks.add(List.of());
        }
        return blocks;
    }

    private static String field(List<String[]> block, String name) {
        for (String[] f : block) {
            if (f[0].toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
                return f[1];
            }
        }
        return null;
    }
}
