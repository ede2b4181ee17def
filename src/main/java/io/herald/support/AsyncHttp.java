package io.herald.support;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The JDK's HTTP client as the channels use it for their providers (Twilio, the push channel's app backend): answers
 * handled on a few daemon threads of its own, named {@code <name>-answers-<n>}, on which each message's route goes on;
 * HTTP/1.1, a kept-alive connection per request in flight, so how many are in flight does not depend on a server's
 * limit of concurrent HTTP/2 streams, and a plain-http stub is not asked to upgrade to h2c; redirects not followed.
 */
public final class AsyncHttp implements AutoCloseable {

    private final ExecutorService answers;
    private final HttpClient client;

    public AsyncHttp(String name, int answerThreads, Duration connectTimeout) {
        AtomicInteger count = new AtomicInteger();
        ClassLoader herald = AsyncHttp.class.getClassLoader();
        this.answers = Executors.newFixedThreadPool(answerThreads, runnable -> {
            Thread thread = new Thread(runnable, name + "-answers-" + count.incrementAndGet());
            thread.setDaemon(true);
            // a thread takes its creator's context class loader, and the creator may be one of the JDK's (the common
            // fork-join pool's is the system class loader, which in the packaged jar sees none of Herald's classes
            // and resources): the routes that go on here look things up through it
            thread.setContextClassLoader(herald);
            return thread;
        });
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(connectTimeout)
                .executor(answers).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /**
     * Sends the request; what the caller chains on the answer (or the failure) runs on this client's answer threads.
     * The JDK hands every {@code sendAsync} answer to CompletableFuture's default executor first (the common
     * fork-join pool, or a new thread per answer where that pool has fewer than two threads: a machine of 2 CPUs or
     * fewer), so a message's route, with its database work, would go on there.
     */
    public <T> CompletableFuture<HttpResponse<T>> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        return client.sendAsync(request, handler).whenCompleteAsync((answer, failure) -> { }, answers);
    }

    @Override
    public void close() {
        answers.shutdown();
    }
}
