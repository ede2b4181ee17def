package io.herald.channel.twilio;

import com.twilio.exception.ApiException;
import com.twilio.http.NetworkHttpClient;
import com.twilio.http.Request;
import com.twilio.http.Response;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import io.herald.support.RetryAfter;
import org.apache.hc.core5.http.Header;

/**
 * A Twilio {@link com.twilio.http.HttpClient} that sends every request to a configured base URL instead of the host
 * the SDK chose ({@code api.twilio.com}, a regional or an edge host). Method, path, query and form parameters,
 * headers, body and credentials stay as the SDK built them; only scheme, host and port change, and a path the base
 * URL has (for example {@code http://stub:8080/twilio}) is put in front of the API path.
 *
 * <p>Production points it at {@code https://api.twilio.com}, which changes nothing; tests and the compose topology
 * point it at a stub.
 *
 * <p>A 429 or 5xx answer with {@code Retry-After} is thrown as {@link RetryAfterException}, which keeps the wait the
 * SDK's own exception would drop, so the channel route waits at least that long before its next attempt.
 */
public class BaseUrlHttpClient extends NetworkHttpClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String baseUrl;

    /** @param baseUrl an absolute http or https URL, with or without a path */
    public BaseUrlHttpClient(String baseUrl) {
        this.baseUrl = normalize(baseUrl);
    }

    /** The base URL every request goes to, without a trailing slash. */
    public String baseUrl() {
        return baseUrl;
    }

    @Override
    public Response makeRequest(Request request) {
        Response response = super.makeRequest(new RedirectedRequest(request, rewrite(request.constructURL())));
        Optional<Duration> retryAfter = retryAfter(response);
        if (retryAfter.isPresent()) {
            throw refusal(response, retryAfter.get());
        }
        return response;
    }

    /**
     * The wait a 429 or 5xx answer asks for in {@code Retry-After}, in seconds or as an HTTP date; empty for any other
     * answer, or one without a readable header.
     */
    static Optional<Duration> retryAfter(Response response) {
        int status = response.getStatusCode();
        if ((status != 429 && status < 500) || response.getHeaders() == null) {
            return Optional.empty();
        }
        Map<String, String> headers = new java.util.LinkedHashMap<>();
        for (Header header : response.getHeaders()) {
            headers.put(header.getName(), header.getValue());
        }
        return RetryAfter.of(headers, Instant.now());
    }

    /** Twilio's error (its code and message when the body has them) with the wait it asked for. */
    private static RetryAfterException refusal(Response response, Duration retryAfter) {
        Integer code = null;
        String message = "Twilio answered " + response.getStatusCode();
        try {
            JsonNode body = JSON.readTree(response.getContent());
            if (body != null && body.hasNonNull("code")) {
                code = body.get("code").asInt();
            }
            if (body != null && body.hasNonNull("message")) {
                message = body.get("message").asText();
            }
        } catch (Exception unreadable) {
            // the status and the wait are what matter
        }
        return new RetryAfterException(message + " (retry after " + retryAfter.toSeconds() + " s)", code,
                response.getStatusCode(), retryAfter);
    }

    /** The URL the SDK built, moved onto the base URL: raw path and raw query are kept as encoded. */
    String rewrite(URL original) {
        StringBuilder url = new StringBuilder(baseUrl);
        String path = original.getPath();
        url.append(path == null || path.isEmpty() ? "/" : path);
        if (original.getQuery() != null && !original.getQuery().isEmpty()) {
            url.append('?').append(original.getQuery());
        }
        return url.toString();
    }

    private static String normalize(String baseUrl) {
        if (baseUrl == null || baseUrl.isBlank()) {
            throw new IllegalArgumentException("The Twilio base URL is empty");
        }
        URI uri = URI.create(baseUrl.trim());
        if (!uri.isAbsolute() || uri.getHost() == null
                || !("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))) {
            throw new IllegalArgumentException("The Twilio base URL must be an absolute http or https URL");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("The Twilio base URL must not have a query, a fragment or user info");
        }
        String text = uri.toString();
        while (text.endsWith("/")) {
            text = text.substring(0, text.length() - 1);
        }
        return text;
    }

    /**
     * A copy of the SDK's request whose URL is fixed. {@link #constructURL()} is what the SDK's HTTP client sends to,
     * so overriding it (and not only the URL passed to the constructor) keeps the SDK from rewriting the host again
     * for a region or an edge. The query stays in the fixed URL, so the copied query parameters are not appended twice.
     */
    private static final class RedirectedRequest extends Request {

        private final URL target;

        RedirectedRequest(Request original, String target) {
            super(original.getMethod(), target);
            try {
                this.target = URI.create(target).toURL();
            } catch (MalformedURLException | IllegalArgumentException e) {
                throw new ApiException("Bad Twilio URL after rewriting to the base URL", e);
            }
            copy(original.getQueryParams(), queryParams);
            copy(original.getPostParams(), postParams);
            copy(original.getHeaderParams(), headerParams);
            if (original.getFormParameters() != null) {
                setFormParameters(new ArrayList<>(original.getFormParameters()));
            }
            setContentType(original.getContentType());
            setBody(original.getBody());
            if (original.getUserAgentExtensions() != null) {
                setUserAgentExtensions(new ArrayList<>(original.getUserAgentExtensions()));
            }
            if (original.getAuthStrategy() != null) {
                setAuth(original.getAuthStrategy());
            } else if (original.getUsername() != null || original.getPassword() != null) {
                setAuth(original.getUsername(), original.getPassword());
            }
        }

        private static void copy(Map<String, List<String>> from, Map<String, List<String>> to) {
            from.forEach((name, values) -> to.put(name, new ArrayList<>(values)));
        }

        @Override
        public URL constructURL() {
            return target;
        }

        @Override
        protected String buildURL() {
            return target.toString();
        }
    }
}
