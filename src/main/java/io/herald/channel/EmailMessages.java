package io.herald.channel;

import io.herald.engagement.EmailLinks;
import io.herald.engagement.EngagementLog;
import io.herald.support.Names;
import io.herald.notify.OutboundMessage;
import io.herald.render.Brand;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;
import org.apache.camel.Message;
import org.springframework.stereotype.Component;

/**
 * Shapes an outbound email for camel-mail: HTML body with the plain text as alternative, From the brand's address for
 * its type (critical alerts and optional types come from addresses that can be told apart), and a Message-ID built
 * from the notification id. Every other header is dropped first, because camel-mail turns message headers into MIME
 * headers. An optional type carries RFC 8058's one-click unsubscribe ({@code List-Unsubscribe} and
 * {@code List-Unsubscribe-Post}); a critical alert does not. The HTML goes out with its links tracked and the open
 * pixel as {@link EmailLinks} says ({@code herald.tracking.*}); the notification log keeps it as rendered.
 */
@Component("emailMessages")
public class EmailMessages {

    /** camel-mail's header for the plain-text alternative of an HTML body. */
    static final String ALTERNATIVE_BODY = "CamelMailAlternativeBody";

    /** The mail header that {@link KeepAliveMailSender} keeps as it is. */
    static final String MESSAGE_ID = "Message-ID";

    /** RFC 2369's header with the one-click unsubscribe link, and RFC 8058's that says it takes a POST. */
    static final String LIST_UNSUBSCRIBE = "List-Unsubscribe";
    static final String LIST_UNSUBSCRIBE_POST = "List-Unsubscribe-Post";

    private final Brand brand;
    private final EmailLinks links;
    private final EngagementLog engagement;

    public EmailMessages(Brand brand, EmailLinks links, EngagementLog engagement) {
        this.brand = brand;
        this.links = links;
        this.engagement = engagement;
    }

    public void prepare(Exchange exchange) throws InvalidPayloadException {
        Message message = exchange.getMessage();
        OutboundMessage outbound = message.getMandatoryBody(OutboundMessage.class);
        message.removeHeaders("*");
        String from = brand.emailFrom(outbound.type());
        message.setHeader("To", outbound.recipient());
        message.setHeader("From", from);
        message.setHeader(MESSAGE_ID, messageId(outbound.notificationId(), from));
        message.setHeader("Subject", outbound.subject());
        if (links.unsubscribable(outbound.type())) {
            engagement.customerOf(outbound.notificationId())
                    .flatMap(customer -> links.unsubscribeUrl(outbound.type(), customer))
                    .ifPresent(url -> {
                        message.setHeader(LIST_UNSUBSCRIBE, "<" + url + ">");
                        message.setHeader(LIST_UNSUBSCRIBE_POST, EmailLinks.ONE_CLICK);
                    });
        }
        if (outbound.bodyHtml() != null) {
            message.setHeader(ALTERNATIVE_BODY, outbound.bodyText());
            message.setHeader("Content-Type", "text/html; charset=UTF-8");
            message.setBody(links.tracked(outbound.notificationId(), outbound.bodyHtml()));
        } else {
            message.setHeader("Content-Type", "text/plain; charset=UTF-8");
            message.setBody(outbound.bodyText());
        }
        exchange.setProperty(Names.Property.OUTBOUND, outbound);
    }

    /**
     * The attempt's stable Message-ID, {@code <notification-id@domain>}, the domain being the sender address's: every
     * resend of an attempt is recognisably the same mail.
     */
    static String messageId(String notificationId, String from) {
        String domain = "herald.invalid";
        try {
            String address = new InternetAddress(from).getAddress();
            int at = address == null ? -1 : address.lastIndexOf('@');
            if (at > 0 && at < address.length() - 1) {
                domain = address.substring(at + 1);
            }
        } catch (AddressException unreadable) {
            // keep the reserved domain
        }
        return "<" + notificationId + "@" + domain + ">";
    }
}
