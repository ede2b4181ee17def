package io.herald.faults;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A retailer's app backend on WireMock, as docs/channels-push.md describes it: {@code POST /herald/push}, checked
 * before anything else (the {@code X-Herald-Signature} over the timestamp and the raw body, and a timestamp within 5
 * minutes), then 200. A push with a bad signature or an old timestamp gets 401, is counted, and is no delivery. A storm
 * makes it answer 503, 429 with Retry-After: 1, and take a push but close the connection without an answer, by turns,
 * until it ends; the taken ones are deliveries, the refused ones are not. Every push taken is kept as a
 * {@link Delivery} of the customer id under its notification id, so a resend of the same push (which the backend
 * would recognise by that id and not push again) counts as resent, and a second id for the same customer as a
 * duplicate.
 */
final class PushStub {

    static final String PATH = "/herald/push";
    static final String SECRET = "fault-run-push-secret";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long MAX_SKEW_SECONDS = 300;

    private final WireMockServer server;
    private final List<Delivery> taken = new ArrayList<>();
    private final AtomicInteger refused = new AtomicInteger();
    private final AtomicInteger lostAnswers = new AtomicInteger();
    private final AtomicInteger badSignatures = new AtomicInteger();
    private final AtomicInteger turn = new AtomicInteger();
    private volatile boolean storming;

    PushStub(int port) {
        server = new WireMockServer(options().bindAddress("127.0.0.1").port(port).containerThreads(20)
                .extensions(new Backend()));
    }

    String url() {
        return "http://127.0.0.1:" + server.port() + PATH;
    }

    void start() {
        server.start();
        server.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withTransformers(Backend.NAME)));
    }

    void stop() {
        server.stop();
    }

    /** From now on, until {@link #calm()}, by turns: 503; 429 with Retry-After: 1; a push taken, its answer lost. */
    void storm() {
        storming = true;
    }

    void calm() {
        storming = false;
    }

    /** Every push the backend took (answered 200, or taken with its answer lost), in order. */
    synchronized List<Delivery> deliveries() {
        return List.copyOf(taken);
    }

    /** How many pushes the storm refused (503, 429). */
    int refused() {
        return refused.get();
    }

    /** How many pushes the backend took without answering. */
    int lostAnswers() {
        return lostAnswers.get();
    }

    /** How many requests failed the signature or timestamp check. */
    int badSignatures() {
        return badSignatures.get();
    }

    private synchronized void take(Delivery push) {
        taken.add(push);
    }

    static boolean genuine(String timestamp, String signature, byte[] body, long nowSeconds) {
        if (timestamp == null || signature == null || !timestamp.matches("[0-9]{1,12}")
                || Math.abs(nowSeconds - Long.parseLong(timestamp)) > MAX_SKEW_SECONDS) {
            return false;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
            String expected = "v1=" + HexFormat.of().formatHex(mac.doFinal(body));
            return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                    signature.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The backend: checks the request, then answers as the storm (if any) says. */
    private final class Backend extends NamedTransformer {

        static final String NAME = "push-backend";

        Backend() {
            super(NAME);
        }

        @Override
        public ResponseDefinition transform(ServeEvent event) {
            byte[] body = event.getRequest().getBody();
            if (!genuine(event.getRequest().getHeader("X-Herald-Timestamp"),
                    event.getRequest().getHeader("X-Herald-Signature"), body, System.currentTimeMillis() / 1000)) {
                badSignatures.incrementAndGet();
                return aResponse().withStatus(401).build();
            }
            if (storming) {
                switch (turn.getAndIncrement() % 3) {
                    case 0 -> {
                        refused.incrementAndGet();
                        return aResponse().withStatus(503).build();
                    }
                    case 1 -> {
                        refused.incrementAndGet();
                        return aResponse().withStatus(429).withHeader("Retry-After", "1").build();
                    }
                    default -> {
                        take(delivery(body));
                        lostAnswers.incrementAndGet();
                        return aResponse().withFault(Fault.EMPTY_RESPONSE).build();
                    }
                }
            }
            take(delivery(body));
            return aResponse().withStatus(200).build();
        }

        private Delivery delivery(byte[] body) {
            try {
                JsonNode push = JSON.readTree(body);
                return new Delivery(push.path("customerId").asText(), push.path("notificationId").asText(),
                        push.path("title").asText());
            } catch (java.io.IOException unreadable) {
                throw new IllegalStateException("A push whose body is not JSON", unreadable);
            }
        }
    }
}
