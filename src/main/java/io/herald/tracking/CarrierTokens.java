package io.herald.tracking;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.herald.ops.HeraldMetrics;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * OAuth client-credentials access tokens of the polled carriers, one per carrier, fetched when first needed and
 * reused until shortly before they expire ({@code expires_in}), or until the carrier refuses one (401). Thread-safe:
 * callers of one carrier share one fetch. Never logs a secret or a token.
 */
public class CarrierTokens {

    private static final Duration MAX_MARGIN = Duration.ofSeconds(60);
    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    private final HttpClient http;
    private final ObjectMapper json;
    private final HeraldMetrics metrics;
    private final Clock clock;
    private final Map<String, Token> tokens = new ConcurrentHashMap<>();
    private final Map<String, Object> locks = new ConcurrentHashMap<>();

    public CarrierTokens(ObjectMapper json, HeraldMetrics metrics, Clock clock) {
        this.http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
        this.json = json;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** Where a carrier issues tokens, and the credentials Herald has there. */
    record Endpoint(URI tokenUrl, String clientId, String clientSecret, boolean basicAuth) {

        @Override
        public String toString() {
            return "Endpoint[" + tokenUrl + "]";
        }
    }

    private record Token(String value, Instant refreshAt) {
    }

    /** A valid access token of {@code carrier}: the cached one, or a new one. */
    public String token(String carrier, Endpoint endpoint) throws IOException {
        Token cached = tokens.get(carrier);
        if (isFresh(cached)) {
            return cached.value();
        }
        synchronized (locks.computeIfAbsent(carrier, c -> new Object())) {
            cached = tokens.get(carrier);
            if (isFresh(cached)) {
                return cached.value();
            }
            Token fetched = fetch(carrier, endpoint);
            tokens.put(carrier, fetched);
            return fetched.value();
        }
    }

    /** The carrier refused {@code token} (401): the next {@link #token} fetches a new one, unless one already did. */
    public void rejected(String carrier, String token) {
        tokens.computeIfPresent(carrier, (c, cached) -> cached.value().equals(token) ? null : cached);
    }

    private boolean isFresh(Token token) {
        return token != null && clock.instant().isBefore(token.refreshAt());
    }

    private Token fetch(String carrier, Endpoint endpoint) throws IOException {
        StringBuilder form = new StringBuilder("grant_type=client_credentials");
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint.tokenUrl()).timeout(TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json");
        if (endpoint.basicAuth()) {
            String pair = endpoint.clientId() + ":" + endpoint.clientSecret();
            request.header("Authorization",
                    "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
        } else {
            form.append("&client_id=").append(URLEncoder.encode(endpoint.clientId(), StandardCharsets.UTF_8))
                    .append("&client_secret=").append(URLEncoder.encode(endpoint.clientSecret(), StandardCharsets.UTF_8));
        }
        Instant asked = clock.instant();
        HttpResponse<String> response;
        try {
            response = http.send(request.POST(HttpRequest.BodyPublishers.ofString(form.toString())).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while fetching a " + carrier + " token", e);
        } catch (IOException e) {
            metrics.carrierToken(carrier, "failed");
            throw e;
        }
        if (response.statusCode() != 200) {
            metrics.carrierToken(carrier, "failed");
            // the answer's body is not quoted: a token endpoint may echo credentials
            throw new TokenException(carrier + " token endpoint answered HTTP " + response.statusCode());
        }
        JsonNode answer = json.readTree(response.body());
        String value = answer.path("access_token").asText("");
        long expiresIn = answer.path("expires_in").asLong(0);   // UPS sends it as a string
        if (value.isBlank() || expiresIn <= 0) {
            metrics.carrierToken(carrier, "failed");
            throw new TokenException(carrier + " token endpoint answered without access_token or expires_in");
        }
        metrics.carrierToken(carrier, "fetched");
        Duration lifetime = Duration.ofSeconds(expiresIn);
        Duration margin = lifetime.dividedBy(4).compareTo(MAX_MARGIN) < 0 ? lifetime.dividedBy(4) : MAX_MARGIN;
        return new Token(value, asked.plus(lifetime).minus(margin));
    }

    /** A carrier's token endpoint did not issue a token. */
    public static class TokenException extends IOException {

        public TokenException(String message) {
            super(message);
        }
    }
}
