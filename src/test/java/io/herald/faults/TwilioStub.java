package io.herald.faults;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Twilio's Messages API (POST /2010-04-01/Accounts/{AccountSid}/Messages.json) on WireMock, answering as Twilio does:
 * 201 with the message resource. A storm makes it answer 503 and 429 (with Retry-After: 1), and accept a message but
 * close the connection without an answer, by turns, until it ends; the refused requests are not deliveries, the
 * accepted ones are. Its Messages list (GET Messages.json with To, From and PageSize) shows what it
 * accepted, newest first, as Twilio's does: Herald reads it for an SMS whose hand-off a kill stopped.
 */
final class TwilioStub {

    static final String ACCOUNT_SID = "AC0000000000000000000000000000fa17";
    static final String AUTH_TOKEN = "fault-run-auth-token";

    private static final String PATH = "/2010-04-01/Accounts/" + ACCOUNT_SID + "/Messages.json";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final WireMockServer server;
    private final Map<UUID, Accepted> lostAnswers = new ConcurrentHashMap<>();
    /** The storm's own stub while it lasts; one mapping outside any WireMock scenario, so removing it races nothing. */
    private StubMapping storm;

    TwilioStub(int port) {
        server = new WireMockServer(options().bindAddress("127.0.0.1").port(port).containerThreads(20)
                .extensions(new MessageList(), new Storm()));
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.port();
    }

    void start() {
        server.start();
        server.stubFor(post(urlEqualTo(PATH)).atPriority(5).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withTransformers("response-template")
                .withBody(message())));
        server.stubFor(get(urlPathEqualTo(PATH)).willReturn(aResponse().withTransformers(MessageList.NAME)));
    }

    void stop() {
        server.stop();
    }

    /**
     * From now on, until {@link #calm()}, by turns: 503; 429 with Retry-After: 1; and a message accepted whose answer
     * is lost (the connection closes without one), which Herald must not send again.
     */
    synchronized void storm() {
        storm = server.stubFor(post(urlEqualTo(PATH)).atPriority(1)
                .willReturn(aResponse().withTransformers(Storm.NAME)));
    }

    /** Ends the storm; the storm's stub must be gone, or the run would wait out its settle time for nothing. */
    synchronized void calm() {
        if (storm != null) {
            server.removeStubMapping(storm.getId());
            if (server.getStubMappings().stream().anyMatch(mapping -> mapping.getId().equals(storm.getId()))) {
                throw new IllegalStateException("The Twilio storm's stub is still there after its removal");
            }
            storm = null;
        }
    }

    /** Every message Twilio accepted (201, or accepted with its answer lost), in order. */
    List<Delivery> deliveries() {
        return accepted().stream().map(message -> {
            String callback = message.form().getOrDefault("StatusCallback", "");
            int n = callback.indexOf("n=");
            return new Delivery(message.form().getOrDefault("To", ""), n < 0 ? "" : callback.substring(n + 2),
                    message.form().getOrDefault("Body", ""));
        }).toList();
    }

    /** How many messages the storm refused (503, 429). */
    long refused() {
        return server.getAllServeEvents().stream().filter(event -> isPost(event)
                && event.getResponse().getStatus() != 201 && !lostAnswers.containsKey(event.getId())).count();
    }

    /** How many messages Twilio accepted without answering. */
    int lostAnswers() {
        return lostAnswers.size();
    }

    /** The messages Twilio accepted, oldest first. */
    private List<Accepted> accepted() {
        List<Accepted> accepted = new ArrayList<>(lostAnswers.values());
        for (ServeEvent event : server.getAllServeEvents()) {
            if (isPost(event) && event.getResponse().getStatus() == 201) {
                accepted.add(new Accepted(form(event.getRequest().getBodyAsString()), sidOf(event),
                        event.getRequest().getLoggedDate().toInstant()));
            }
        }
        accepted.sort(Comparator.comparing(Accepted::at));
        return accepted;
    }

    private static String sidOf(ServeEvent accepted) {
        try {
            return JSON.readTree(accepted.getResponse().getBodyAsString()).path("sid").asText();
        } catch (java.io.IOException unreadable) {
            throw new IllegalStateException(unreadable);
        }
    }

    /** A message Twilio created: its form, its SID and when. */
    private record Accepted(Map<String, String> form, String sid, Instant at) {
    }

    /**
     * The storm's answers, by turns: 503; 429 with Retry-After: 1; and the message accepted, as Twilio's records show
     * it, with the connection closed without an answer.
     */
    private final class Storm extends NamedTransformer {

        static final String NAME = "twilio-storm";

        private final AtomicInteger turn = new AtomicInteger();

        Storm() {
            super(NAME);
        }

        @Override
        public ResponseDefinition transform(ServeEvent request) {
            return switch (turn.getAndIncrement() % 3) {
                case 0 -> aResponse().withStatus(503).withHeader("Content-Type", "application/json")
                        .withBody("{\"code\": 20500, \"message\": \"Service unavailable\", \"status\": 503}").build();
                case 1 -> aResponse().withStatus(429).withHeader("Retry-After", "1")
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"code\": 20429, \"message\": \"Too Many Requests\", \"status\": 429}").build();
                default -> {
                    lostAnswers.put(request.getId(), new Accepted(form(request.getRequest().getBodyAsString()),
                            "SM" + UUID.randomUUID().toString().replace("-", ""), Instant.now()));
                    yield aResponse().withFault(Fault.EMPTY_RESPONSE).build();
                }
            };
        }
    }

    private static boolean isPost(ServeEvent event) {
        return "POST".equals(event.getRequest().getMethod().getName());
    }

    /** Twilio's Messages list: the accepted messages to {@code To} from {@code From}, newest first. */
    private final class MessageList extends NamedTransformer {

        static final String NAME = "twilio-message-list";

        MessageList() {
            super(NAME);
        }

        @Override
        public ResponseDefinition transform(ServeEvent request) {
            String to = request.getRequest().queryParameter("To").firstValue();
            String from = request.getRequest().queryParameter("From").firstValue();
            int pageSize = Integer.parseInt(request.getRequest().queryParameter("PageSize").firstValue());
            ObjectNode page = JSON.createObjectNode();
            ArrayNode messages = page.putArray("messages");
            List<Accepted> newestFirst = new ArrayList<>(accepted());
            java.util.Collections.reverse(newestFirst);
            for (Accepted message : newestFirst) {
                if (messages.size() < pageSize && to.equals(message.form().get("To"))
                        && from.equals(message.form().get("From"))) {
                    String created = DateTimeFormatter.RFC_1123_DATE_TIME.format(message.at().atOffset(ZoneOffset.UTC))
                            .replace("GMT", "+0000");
                    messages.addObject().put("account_sid", ACCOUNT_SID).put("body", message.form().get("Body"))
                            .put("date_created", created).put("direction", "outbound-api").put("from", from)
                            .put("sid", message.sid()).put("status", "queued").put("to", to);
                }
            }
            page.put("page", 0).put("page_size", pageSize).putNull("next_page_uri");
            return ResponseDefinitionBuilder.responseDefinition().withStatus(200)
                    .withHeader("Content-Type", "application/json").withBody(page.toString()).build();
        }
    }

    private static Map<String, String> form(String body) {
        Map<String, String> form = new HashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return form;
    }

    private static String message() {
        return """
                {"account_sid": "%1$s", "api_version": "2010-04-01", "body": "text", "date_created": null,
                 "date_sent": null, "date_updated": null, "direction": "outbound-api", "error_code": null,
                 "error_message": null, "from": "+15005550006", "messaging_service_sid": null, "num_media": "0",
                 "num_segments": "1", "price": null, "price_unit": "USD",
                 "sid": "SM{{randomValue length=32 type='HEXADECIMAL'}}", "status": "queued",
                 "subresource_uris": {"media": "/2010-04-01/Accounts/%1$s/Messages/x/Media.json"},
                 "to": "+15005550009",
                 "uri": "/2010-04-01/Accounts/%1$s/Messages/x.json"}
                """.formatted(ACCOUNT_SID);
    }
}
