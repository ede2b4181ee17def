package io.herald.notify;

import io.herald.customer.PageLinks;
import io.herald.sms.OutboxConversations;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * {@code /outbox}: every email (rendered) and SMS that Herald has handed to its channels, newest first, so a
 * newcomer sees what the default run sends.
 */
@RestController
class OutboxController {

    private static final int LIMIT = 200;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'");

    private final NotificationLog log;
    private final OutboxConversations conversations;
    private final PageLinks pageLinks;

    OutboxController(NotificationLog log, OutboxConversations conversations, PageLinks pageLinks) {
        this.log = log;
        this.conversations = conversations;
        this.pageLinks = pageLinks;
    }

    @GetMapping(path = "/outbox", produces = MediaType.TEXT_HTML_VALUE)
    String outbox() {
        List<Notification> sent = log.recentlySent(LIMIT);
        StringBuilder html = new StringBuilder(4096).append("""
                <!doctype html><html lang="en"><head><meta charset="utf-8">
                <meta http-equiv="refresh" content="10"><title>Herald outbox</title>
                <style>
                body{font-family:system-ui,sans-serif;margin:2rem;background:#f6f7f9;color:#1d2330}
                h1{font-size:1.4rem} .msg{background:#fff;border:1px solid #d9dde5;border-radius:8px;margin:1rem 0;padding:1rem}
                .meta{color:#5a6374;font-size:.85rem} .tag{display:inline-block;padding:.1rem .5rem;border-radius:4px;
                background:#e8ecf5;margin-right:.4rem;font-size:.8rem} .sms{background:#e2f5e9}
                iframe{width:100%;height:360px;border:1px solid #e3e6ec;border-radius:4px;background:#fff}
                pre{white-space:pre-wrap;font-family:inherit}
                </style></head><body><h1>Herald outbox</h1>
                <p class="meta">Messages the local sinks received, newest first. The page refreshes every 10 seconds.</p>
                """);
        // the SMS conversations, with a form to answer as the customer (io.herald.sms.OutboxConversations)
        html.append(conversations.section(sent.stream().filter(n -> "sms".equals(n.channel()))
                .map(Notification::recipient).distinct().toList()));
        if (sent.isEmpty()) {
            html.append("<p>Nothing sent yet. Post a sample order (see README.md) and watch this page.</p>");
        }
        for (Notification n : sent) {
            boolean sms = "sms".equals(n.channel());
            html.append("<div class=\"msg\"><div class=\"meta\">")
                    .append("<span class=\"tag").append(sms ? " sms" : "").append("\">").append(esc(n.channel()))
                    .append("</span><span class=\"tag\">").append(esc(n.type())).append("</span>")
                    .append("<span class=\"tag\">").append(esc(n.locale())).append("</span> to <b>")
                    .append(esc(n.recipient())).append("</b> at ")
                    .append(n.sentAt() == null ? "" : TIME.format(n.sentAt().atZoneSameInstant(java.time.ZoneOffset.UTC)))
                    .append(" · order ").append(esc(n.orderId()));
            if (n.trackingNumber() != null) {
                html.append(" · ").append(esc(n.carrier())).append(' ').append(esc(n.trackingNumber()));
            }
            if (n.orderId() != null) {
                // the customer's tracking page of this message's order (docs/pages.md)
                html.append(" · <a href=\"").append(esc(pageLinks.trackUrl(n.orderId())))
                        .append("\">tracking page</a>");
            }
            html.append("</div>");
            if (n.subject() != null) {
                html.append("<h3>").append(esc(n.subject())).append("</h3>");
            }
            if (n.bodyHtml() != null) {
                html.append("<iframe sandbox=\"\" srcdoc=\"").append(esc(n.bodyHtml())).append("\"></iframe>");
                html.append("<details><summary>Plain text</summary><pre>").append(esc(n.bodyText()))
                        .append("</pre></details>");
            } else {
                html.append("<pre>").append(esc(n.bodyText())).append("</pre>");
            }
            html.append("</div>");
        }
        return html.append("</body></html>").toString();
    }

    private static String esc(String text) {
        return text == null ? "" : HtmlUtils.htmlEscape(text);
    }
}
