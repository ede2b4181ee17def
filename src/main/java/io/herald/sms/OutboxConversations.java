package io.herald.sms;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Controller;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.client.RestClient;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.springframework.web.util.HtmlUtils;

/**
 * The SMS conversations on the default run's {@code /outbox} page, and its "reply as the customer" form: the page
 * posts Twilio's inbound webhook to Herald itself, signed as Twilio signs it ({@link TwilioSignatures}: the auth
 * token, or without one the token the default run made for itself) over {@code herald.public-base-url} + path (or the address the page
 * was called at, when that is unset). Only while SMS go to the local outbox: with real Twilio, the customers answer.
 */
@Controller
public class OutboxConversations {

    static final String REPLY_PATH = "/outbox/sms/reply";
    private static final int LIMIT = 200;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'");

    private final SmsConversations conversations;
    private final boolean localOutbox;
    private final TwilioSignatures signatures;
    private final String publicBaseUrl;
    private final String smsFrom;
    private final RestClient http = RestClient.create();

    OutboxConversations(SmsConversations conversations, @Value("${herald.channels.sms.uri:}") String smsUri,
                        TwilioSignatures signatures,
                        @Value("${herald.public-base-url:}") String publicBaseUrl,
                        @Value("${herald.notifications.sms-from:}") String smsFrom) {
        this.conversations = conversations;
        this.localOutbox = smsUri.startsWith("bean:localSmsOutbox");
        this.signatures = signatures;
        this.publicBaseUrl = publicBaseUrl == null ? "" : publicBaseUrl.strip().replaceAll("/+$", "");
        this.smsFrom = smsFrom;
    }

    /**
     * The conversations section of {@code /outbox}: each number's messages, oldest first, the numbers Herald sent SMS
     * to ({@code smsRecipients}, newest first) included, each with a form to answer as that customer.
     */
    public String section(List<String> smsRecipients) {
        Map<String, List<SmsConversations.Message>> byPhone = new LinkedHashMap<>();
        for (SmsConversations.Message message : conversations.latest(LIMIT)) {
            byPhone.computeIfAbsent(message.phone(), p -> new ArrayList<>()).add(0, message);
        }
        if (localOutbox) {
            smsRecipients.forEach(phone -> byPhone.putIfAbsent(phone, new ArrayList<>()));
        }
        if (byPhone.isEmpty()) {
            return "";
        }
        StringBuilder html = new StringBuilder("<h2>SMS conversations</h2>");
        if (localOutbox) {
            html.append("<p class=\"meta\">Answer an SMS as its customer would, for example STATUS, STOP or START:"
                    + " the page posts it to Herald as Twilio's signed inbound webhook.</p>");
        }
        byPhone.forEach((phone, messages) -> {
            html.append("<div class=\"msg\"><div class=\"meta\"><span class=\"tag sms\">sms</span> with <b>")
                    .append(esc(phone)).append("</b></div>");
            for (SmsConversations.Message m : messages) {
                boolean in = "IN".equals(m.direction());
                html.append("<p><span class=\"tag\">").append(in ? "customer" : "Herald").append("</span>")
                        .append(m.at() == null ? "" : TIME.format(m.at().atZoneSameInstant(ZoneOffset.UTC)))
                        .append("</p><pre>").append(esc(m.body())).append("</pre>");
            }
            if (localOutbox) {
                html.append("<form method=\"post\" action=\"").append(REPLY_PATH).append("\">")
                        .append(csrfField())
                        .append("<input type=\"hidden\" name=\"from\" value=\"").append(esc(phone)).append("\">")
                        .append("<label>Reply as the customer <input name=\"body\" required maxlength=\"160\""
                                + " value=\"STATUS\"></label> <button type=\"submit\">Send</button></form>");
            }
            html.append("</div>");
        });
        return html.append("<h2>Sent</h2>").toString();
    }

    /** Posts the customer's answer to Herald's inbound webhook, signed, and goes back to the outbox. */
    @PostMapping(path = REPLY_PATH, consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    ResponseEntity<Void> reply(@RequestParam("from") String from, @RequestParam("body") String body,
                               HttpServletRequest request) {
        if (!localOutbox) {
            return ResponseEntity.notFound().build();
        }
        String target = ServletUriComponentsBuilder.fromContextPath(request).path(SmsInboundController.PATH)
                .toUriString();
        String signedUrl = publicBaseUrl.isEmpty() ? target : publicBaseUrl + SmsInboundController.PATH;
        Map<String, String> params = new LinkedHashMap<>();
        params.put("MessageSid", "SM" + UUID.randomUUID().toString().replace("-", ""));
        params.put("From", from.strip());
        params.put("To", smsFrom);
        params.put("Body", body);
        params.put("NumMedia", "0");
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        params.forEach(form::add);
        var post = http.post().uri(URI.create(target)).contentType(MediaType.APPLICATION_FORM_URLENCODED);
        post.header("X-Twilio-Signature", signatures.sign(signedUrl, params));
        post.body(form).retrieve().toBodilessEntity();
        return ResponseEntity.status(HttpStatus.SEE_OTHER).location(URI.create("/outbox")).build();
    }

    /** The CSRF token of the page's request, when the login (and with it CSRF) is on. */
    private static String csrfField() {
        RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
        if (attributes instanceof ServletRequestAttributes servlet
                && servlet.getRequest().getAttribute(CsrfToken.class.getName()) instanceof CsrfToken token) {
            return "<input type=\"hidden\" name=\"" + esc(token.getParameterName()) + "\" value=\""
                    + esc(token.getToken()) + "\">";
        }
        return "";
    }

    private static String esc(String text) {
        return text == null ? "" : HtmlUtils.htmlEscape(text);
    }
}
