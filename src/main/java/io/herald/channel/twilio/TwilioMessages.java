package io.herald.channel.twilio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.herald.channel.DeliveryErrors;
import io.herald.channel.SmsMessages;
import io.herald.channel.UndeliverableMessageException;
import io.herald.support.AsyncHttp;
import io.herald.support.Names;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends an SMS through Twilio's Messages API ({@code POST /2010-04-01/Accounts/{AccountSid}/Messages.json}, a form
 * with {@code To}, {@code From}, {@code Body} and {@code StatusCallback}, HTTP basic auth with the account SID and
 * auth token) on the JDK's asynchronous HTTP client. No thread waits for Twilio's answer: {@link #send} returns at
 * once with a future, which camel-bean completes the exchange from (the route goes on with Twilio's message SID as
 * its body) on one of a few threads of its own. So the messages of a batch are at Twilio together, as many
 * as the sender's rate lets through, not as many as there are hand-off threads.
 *
 * <p>Twilio's answer other than 2xx fails the future with {@link TwilioApiException} (an
 * {@link org.apache.camel.http.base.HttpOperationFailedException}), which DeliveryErrors sorts like any HTTP answer:
 * a 4xx but 408 and 429 is permanent, a 429 or 5xx is retried after its {@code Retry-After}. A connection that could
 * not be opened is a known failure, retried.
 *
 * <p>A request that went out and got no answer (none within the read timeout, or the connection closed without one)
 * may have created the message. Before failing, the client asks Twilio's Messages list ({@code GET Messages.json}
 * with {@code To}, {@code From} and {@code PageSize}; newest first) for a message to the same number from the same
 * sender with the same body, created since shortly before the request: found, the send succeeds with that message's
 * SID, and the customer gets one SMS. Not found, the failure stands as it was: a closed connection is retried (a
 * server that closes an idle kept-alive connection as the request arrives created nothing), while a read timeout
 * stays an unknown outcome, not sent again, as Twilio may still be working on the request. A lookup that fails
 * leaves the failure as it was too.
 *
 * <p>An attempt taken over from a hand-off that stopped (an instance killed after it posted, before it recorded
 * Twilio's answer; {@link Names.Property#RESUMED_SINCE}) is looked up the same way before it is posted: found, it is
 * not posted again. The first request went out at least the hand-off lease earlier, so Twilio lists what it
 * created. A lookup that fails then fails the send for sure, and the route's retries look again.
 */
public class TwilioMessages implements AutoCloseable {

    /** The client's bean name. */
    public static final String BEAN = "twilioMessages";
    /** The channel URI ({@code herald.channels.sms.uri}) that sends through this client. */
    public static final String CHANNEL_URI = "bean:" + BEAN + "?method=send";

    /** Whether SMS go out through Twilio under this channel URI, rather than to the default run's local outbox. */
    public static boolean isUsedBy(String smsUri) {
        return smsUri != null && smsUri.strip().startsWith("bean:" + BEAN);
    }

    private static final Logger LOG = LoggerFactory.getLogger(TwilioMessages.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** How many of the newest messages between the two numbers a lookup reads. */
    private static final int LOOKUP_PAGE_SIZE = 20;
    /** How long before the request a message it created may be dated: the two clocks' difference. */
    static final Duration CLOCK_MARGIN = Duration.ofMinutes(1);

    private final AsyncHttp async;
    private final URI messages;
    private final String authorization;
    private final Duration readTimeout;
    private final Clock clock;

    /**
     * @param baseUrl       where the API is: https://api.twilio.com, or a stub; a path it has goes in front of the API's
     * @param answerThreads how many threads handle Twilio's answers, on which each message's route goes on
     * @param clock         when a request went out, for telling the message it may have created
     */
    public TwilioMessages(String baseUrl, String accountSid, String authToken, Duration connectTimeout,
                          Duration readTimeout, int answerThreads, Clock clock) {
        if (accountSid == null || accountSid.isBlank() || authToken == null || authToken.isBlank()) {
            throw new IllegalArgumentException("Twilio needs an account SID and an auth token");
        }
        this.messages = URI.create(normalize(baseUrl) + "/2010-04-01/Accounts/"
                + URLEncoder.encode(accountSid.strip(), StandardCharsets.UTF_8) + "/Messages.json");
        this.authorization = "Basic " + Base64.getEncoder()
                .encodeToString((accountSid.strip() + ":" + authToken.strip()).getBytes(StandardCharsets.UTF_8));
        this.readTimeout = readTimeout;
        this.clock = clock;
        this.async = new AsyncHttp("twilio", answerThreads, connectTimeout);
    }

    @Override
    public void close() {
        async.close();
    }

    /** Where messages are posted. */
    URI messagesUri() {
        return messages;
    }

    /**
     * Posts the message SmsMessages prepared; the future completes with Twilio's message SID once Twilio accepted it.
     */
    public CompletableFuture<String> send(Exchange exchange) {
        Message message = exchange.getMessage();
        Map<String, String> form = new LinkedHashMap<>();
        form.put("To", message.getHeader(SmsMessages.TO, String.class));
        form.put("From", message.getHeader(SmsMessages.FROM, String.class));
        form.put("Body", message.getHeader(SmsMessages.BODY, String.class));
        String callback = message.getHeader(SmsMessages.STATUS_CALLBACK, String.class);
        if (callback != null) {
            form.put("StatusCallback", callback);
        }
        for (Map.Entry<String, String> field : form.entrySet()) {
            if (field.getValue() == null || field.getValue().isBlank()) {
                return CompletableFuture.failedFuture(
                        new UndeliverableMessageException("An SMS needs " + field.getKey() + " for Twilio"));
            }
        }
        HttpRequest request = HttpRequest.newBuilder(messages).timeout(readTimeout)
                .header("Authorization", authorization)
                .header("Accept", "application/json")
                .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(encode(form), StandardCharsets.UTF_8))
                .build();
        Instant resumedSince = exchange.getProperty(Names.Property.RESUMED_SINCE, Instant.class);
        if (resumedSince != null) {
            // taken over from a hand-off that stopped: post only what Twilio did not get then
            return createdSince(form, resumedSince.minus(CLOCK_MARGIN)).thenCompose(listed -> listed
                    .map(sid -> {
                        LOG.info("Twilio created message {} before the hand-off stopped: taken as sent", sid);
                        return CompletableFuture.completedFuture(sid);
                    })
                    .orElseGet(() -> post(request, form)));
        }
        return post(request, form);
    }

    private CompletableFuture<String> post(HttpRequest request, Map<String, String> form) {
        Instant requested = clock.instant();
        return async.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
                .thenCompose(this::sidOf)
                .exceptionallyCompose(failure -> afterNoAnswer(unwrap(failure), form, requested));
    }

    /**
     * The SID of the message a request that got no answer created, when Twilio's Messages list shows it; otherwise
     * the request's own failure. An answer, or a connection that was never opened, fails as it is.
     */
    private CompletableFuture<String> afterNoAnswer(Throwable failure, Map<String, String> form, Instant requested) {
        if (!(failure instanceof IOException) || DeliveryErrors.neverWentOut(failure)) {
            return CompletableFuture.failedFuture(failure);
        }
        return createdSince(form, requested.minus(CLOCK_MARGIN)).handle((listed, lookupFailed) -> {
            if (listed == null || listed.isEmpty()) {
                LOG.debug("No message at Twilio for a request without an answer ({}){}",
                        failure.getClass().getSimpleName(),
                        lookupFailed == null ? "" : "; " + unwrap(lookupFailed).getMessage());
                return CompletableFuture.<String>failedFuture(failure);
            }
            LOG.info("Twilio created message {} although its answer was lost ({}): taken as sent", listed.get(),
                    failure.getClass().getSimpleName());
            return CompletableFuture.completedFuture(listed.get());
        }).thenCompose(result -> result);
    }

    /**
     * The SID of a message to the form's number from its sender with its body that Twilio created at or after
     * {@code since}, among the newest {@value #LOOKUP_PAGE_SIZE} between the two numbers; empty when there is none.
     * Fails with an {@link IOException} when the list cannot be read (a failure for sure: the caller retries).
     */
    private CompletableFuture<Optional<String>> createdSince(Map<String, String> form, Instant since) {
        URI newest = URI.create(messages + "?To=" + URLEncoder.encode(form.get("To"), StandardCharsets.UTF_8)
                + "&From=" + URLEncoder.encode(form.get("From"), StandardCharsets.UTF_8)
                + "&PageSize=" + LOOKUP_PAGE_SIZE);
        HttpRequest lookup = HttpRequest.newBuilder(newest).timeout(readTimeout)
                .header("Authorization", authorization)
                .header("Accept", "application/json")
                .GET().build();
        return async.send(lookup, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
                .handle((answer, failed) -> {
                    if (failed != null || answer.statusCode() != 200) {
                        // without its cause: a lookup that timed out posted nothing, so it is no unknown outcome
                        throw new CompletionException(new IOException("Twilio's Messages list could not be read: "
                                + (failed != null ? unwrap(failed).getClass().getSimpleName()
                                        : "answered " + answer.statusCode())));
                    }
                    return Optional.ofNullable(listedSid(parse(answer.body()), form.get("Body"), since));
                });
    }

    /** The SID of the listed message with this body created at or after {@code since}, or null. */
    private static String listedSid(JsonNode list, String body, Instant since) {
        for (JsonNode message : list.path("messages")) {
            if (body.equals(message.path("body").asText(null)) && message.hasNonNull("sid")
                    && !createdAt(message).isBefore(since)) {
                return message.get("sid").asText();
            }
        }
        return null;
    }

    /** A listed message's {@code date_created} (RFC 2822, as "Thu, 30 Jul 2015 20:12:31 +0000"); EPOCH if absent. */
    private static Instant createdAt(JsonNode message) {
        try {
            return ZonedDateTime.parse(message.path("date_created").asText(""), DateTimeFormatter.RFC_1123_DATE_TIME)
                    .toInstant();
        } catch (DateTimeParseException unreadable) {
            return Instant.EPOCH;
        }
    }

    private static Throwable unwrap(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }

    /** The accepted message's SID; any answer but 2xx fails with {@link TwilioApiException}. */
    private CompletableFuture<String> sidOf(HttpResponse<String> response) {
        int status = response.statusCode();
        JsonNode body = parse(response.body());
        if (status < 200 || status >= 300) {
            Map<String, String> headers = new LinkedHashMap<>();
            response.headers().map().forEach((name, values) -> headers.put(name, String.join(", ", values)));
            return CompletableFuture.failedFuture(new TwilioApiException(messages.toString(), status, headers,
                    body.hasNonNull("code") ? body.get("code").asInt() : null,
                    body.hasNonNull("more_info") ? body.get("more_info").asText() : null));
        }
        if (!body.hasNonNull("sid")) {
            // accepted all the same: failing it now would send it again
            LOG.warn("Twilio accepted a message ({}) without a sid in its answer", status);
            return CompletableFuture.completedFuture(null);
        }
        return CompletableFuture.completedFuture(body.get("sid").asText());
    }

    private static JsonNode parse(String body) {
        try {
            JsonNode node = body == null || body.isBlank() ? null : JSON.readTree(body);
            return node == null ? JSON.createObjectNode() : node;
        } catch (Exception unreadable) {
            return JSON.createObjectNode();
        }
    }

    private static String encode(Map<String, String> form) {
        StringBuilder encoded = new StringBuilder();
        for (Map.Entry<String, String> field : form.entrySet()) {
            if (!encoded.isEmpty()) {
                encoded.append('&');
            }
            encoded.append(URLEncoder.encode(field.getKey(), StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8));
        }
        return encoded.toString();
    }

    /** An absolute http(s) URL without query, fragment, user info or trailing slash. */
    static String normalize(String baseUrl) {
        if (baseUrl == null || baseUrl.isBlank()) {
            throw new IllegalArgumentException("The Twilio base URL is empty");
        }
        URI uri = URI.create(baseUrl.strip());
        if (!uri.isAbsolute() || uri.getHost() == null
                || !List.of("http", "https").contains(uri.getScheme().toLowerCase())) {
            throw new IllegalArgumentException("The Twilio base URL must be an absolute http or https URL");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("The Twilio base URL must not have a query, a fragment or user info");
        }
        return uri.toString().replaceAll("/+$", "");
    }
}
