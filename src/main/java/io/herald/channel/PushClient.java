package io.herald.channel;

import io.herald.notify.OutboundMessage;
import io.herald.support.AsyncHttp;
import io.herald.support.Names;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.camel.Exchange;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Posts a push, as {@link PushMessages#prepare} built it, to the app backend ({@code herald.channels.push.url}), signed
 * (docs/channels-push.md, "The request") on the JDK's asynchronous HTTP client. No hand-off thread waits for the
 * backend's answer: {@link #post} returns a future, which camel-bean completes the exchange from on one of a few
 * threads of the client's own. So the pushes of a batch are at the backend together, up to
 * {@code herald.channels.push.max-in-flight} at once (the rest wait their turn, holding no thread), not as many as
 * there are hand-off threads: a backend that answers in 300 ms took 3.3 pushes a second per hand-off thread when each
 * thread waited for it.
 *
 * <p>An answer other than 2xx fails the future with an {@link HttpOperationFailedException} carrying the status and
 * the headers ({@code Retry-After}), which DeliveryErrors sorts: a 4xx but 408 and 429 is permanent, the rest retried.
 * The backend's answer itself is not kept. No answer within {@code read-timeout} fails with the client's
 * {@link java.net.http.HttpTimeoutException}; the push channel retries it, as its backend recognises a resend by
 * {@code X-Herald-Notification-Id}.
 */
@Component("pushClient")
public class PushClient implements AutoCloseable {

    static final String NOTIFICATION_ID = "X-Herald-Notification-Id";
    static final String TIMESTAMP = "X-Herald-Timestamp";
    static final String SIGNATURE = "X-Herald-Signature";

    private final PushSettings settings;
    /** The app backend's URL, the operator's setting; null while push is off. */
    private final URI url;
    private final Clock clock;
    /** None while push is off (no URL): no push is decided then, and the client's selector thread is not started. */
    private final AsyncHttp async;
    private final Duration readTimeout;
    private final InFlight inFlight;

    public PushClient(PushSettings settings, Clock clock,
                      @Value("${herald.channels.push.connect-timeout}") Duration connectTimeout,
                      @Value("${herald.channels.push.read-timeout}") Duration readTimeout,
                      @Value("${herald.channels.push.max-in-flight}") int maxInFlight,
                      @Value("${herald.channels.hand-off-threads}") int answerThreads) {
        this.settings = settings;
        this.url = settings.enabled() ? URI.create(settings.url()) : null;
        this.clock = clock;
        this.readTimeout = readTimeout;
        this.inFlight = new InFlight(maxInFlight);
        this.async = settings.enabled() ? new AsyncHttp("push", answerThreads, connectTimeout) : null;
    }

    /**
     * Posts the push {@link PushMessages#prepare} built, once fewer than {@code max-in-flight} pushes are at the
     * backend (queued until then, never dropped), signed when it goes out; the future completes, with null, once the
     * backend answered 2xx.
     */
    public CompletableFuture<Void> post(Exchange exchange) {
        if (async == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("Push is off: herald.channels.push.url "
                    + "is empty"));
        }
        String payload = exchange.getProperty(Names.Property.PUSH_PAYLOAD, String.class);
        String notificationId = exchange.getProperty(Names.Property.OUTBOUND, OutboundMessage.class).notificationId();
        CompletableFuture<Void> answered = new CompletableFuture<>();
        inFlight.run(() -> {
            CompletableFuture<Void> sent;
            try {
                sent = async.send(signed(notificationId, payload),
                        HttpResponse.BodyHandlers.discarding()).thenCompose(this::checked);
            } catch (RuntimeException refused) {
                sent = CompletableFuture.failedFuture(refused); // its permit is given back all the same
            }
            sent.whenComplete((ok, failed) -> {
                inFlight.done();
                if (failed != null) {
                    answered.completeExceptionally(failed);
                } else {
                    answered.complete(null);
                }
            });
        });
        return answered;
    }

    /**
     * The request: the notification id (the same on every resend), the timestamp (epoch seconds, now) and the signature
     * over both timestamp and body, made as it goes out, so that neither a retry minutes later nor a wait for its turn
     * makes it look like a replay.
     */
    private HttpRequest signed(String notificationId, String payload) {
        long timestamp = clock.instant().getEpochSecond();
        return HttpRequest.newBuilder(url).timeout(readTimeout)
                .header("Content-Type", "application/json; charset=UTF-8")
                .header(NOTIFICATION_ID, notificationId)
                .header(TIMESTAMP, Long.toString(timestamp))
                .header(SIGNATURE, signature(settings.secret(), timestamp, payload))
                .POST(HttpRequest.BodyPublishers.ofString(payload, StandardCharsets.UTF_8))
                .build();
    }

    /**
     * {@code v1=} and the lowercase hex HMAC-SHA256, keyed with the shared secret, of {@code <timestamp>.<body>}: what
     * the app backend computes to check a request (docs/channels-push.md, "Checking a request").
     */
    static String signature(String secret, long timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] digest = mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
            return "v1=" + HexFormat.of().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    private CompletableFuture<Void> checked(HttpResponse<Void> response) {
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return CompletableFuture.completedFuture(null);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        response.headers().map().forEach((name, values) -> headers.put(name, String.join(", ", values)));
        return CompletableFuture.failedFuture(
                new HttpOperationFailedException(url.toString(), status, null, null, headers, null));
    }

    /**
     * At most a number of requests at once; the ones over it wait in order, each started by the end of one before it.
     * Holds no thread.
     */
    static final class InFlight {

        private final Semaphore permits;
        private final Queue<Runnable> waiting = new ConcurrentLinkedQueue<>();

        InFlight(int max) {
            if (max < 1) {
                throw new IllegalArgumentException("herald.channels.push.max-in-flight must be 1 or more");
            }
            this.permits = new Semaphore(max);
        }

        /** Starts {@code request} now if a permit is free, else once one is; it must call {@link #done} at its end. */
        void run(Runnable request) {
            waiting.add(request);
            startWaiting();
        }

        /** Gives the request's permit to the next one waiting, or back. */
        void done() {
            permits.release();
            startWaiting();
        }

        /** Starts waiting requests while permits are free, looking at the queue again after each: one may come. */
        private void startWaiting() {
            while (!waiting.isEmpty() && permits.tryAcquire()) {
                Runnable next = waiting.poll();
                if (next == null) {
                    permits.release();
                } else {
                    next.run();
                }
            }
        }

        int waiting() {
            return waiting.size();
        }
    }

    @Override
    public void close() {
        if (async != null) {
            async.close();
        }
    }
}
