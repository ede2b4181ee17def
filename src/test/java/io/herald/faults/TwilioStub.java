package io.herald.faults;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Twilio's Messages API (POST /2010-04-01/Accounts/{AccountSid}/Messages.json) on WireMock, answering as Twilio does:
 * 201 with the message resource. A storm makes it answer 503 and 429 (with Retry-After: 1), by turns, until it ends;
 * those requests are not deliveries.
 */
final class TwilioStub {

    static final String ACCOUNT_SID = "AC0000000000000000000000000000fa17";
    static final String AUTH_TOKEN = "fault-run-auth-token";

    private static final String PATH = "/2010-04-01/Accounts/" + ACCOUNT_SID + "/Messages.json";

    private final WireMockServer server;
    private final List<StubMapping> storm = new ArrayList<>();

    TwilioStub(int port) {
        server = new WireMockServer(options().bindAddress("127.0.0.1").port(port).containerThreads(20));
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.port();
    }

    void start() {
        server.start();
        server.stubFor(post(urlEqualTo(PATH)).atPriority(5).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withTransformers("response-template")
                .withBody(message())));
    }

    void stop() {
        server.stop();
    }

    /** From now on, until {@link #calm()}: 503, then 429 with Retry-After: 1, by turns. */
    synchronized void storm() {
        storm.add(server.stubFor(post(urlEqualTo(PATH)).atPriority(1).inScenario("storm")
                .whenScenarioStateIs("Started").willSetStateTo("429")
                .willReturn(aResponse().withStatus(503).withHeader("Content-Type", "application/json")
                        .withBody("{\"code\": 20500, \"message\": \"Service unavailable\", \"status\": 503}"))));
        storm.add(server.stubFor(post(urlEqualTo(PATH)).atPriority(1).inScenario("storm")
                .whenScenarioStateIs("429").willSetStateTo("Started")
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"code\": 20429, \"message\": \"Too Many Requests\", \"status\": 429}"))));
    }

    synchronized void calm() {
        storm.forEach(server::removeStubMapping);
        storm.clear();
    }

    /** Every message Twilio accepted (201), in order. */
    List<Delivery> deliveries() {
        List<ServeEvent> accepted = new ArrayList<>(server.getAllServeEvents().stream()
                .filter(event -> event.getResponse().getStatus() == 201).toList());
        accepted.sort(Comparator.comparing(event -> event.getRequest().getLoggedDate()));
        return accepted.stream().map(event -> {
            Map<String, String> form = form(event.getRequest().getBodyAsString());
            String callback = form.getOrDefault("StatusCallback", "");
            int n = callback.indexOf("n=");
            return new Delivery(form.getOrDefault("To", ""), n < 0 ? "" : callback.substring(n + 2),
                    form.getOrDefault("Body", ""));
        }).toList();
    }

    /** How many requests the storm refused. */
    long refused() {
        return server.getAllServeEvents().stream().filter(event -> event.getResponse().getStatus() != 201).count();
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
