package io.herald.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AsyncHttpTest {

    private final AsyncHttp async = new AsyncHttp("probe", 2, Duration.ofSeconds(2));
    private HttpServer server;

    @BeforeEach
    void startServer() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
        async.close();
    }

    @Test
    void whatFollowsAnAnswerRunsOnTheClientsOwnAnswerThreads() throws Exception {
        URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");

        String thread = async.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.discarding())
                .thenApply(response -> Thread.currentThread().getName()).get(10, TimeUnit.SECONDS);

        // not the JDK's hand-over (CompletableFuture's default executor: the common pool, or a new thread per answer on
        // 2 CPUs or fewer), where a route's blocking work would go on otherwise
        assertThat(thread).startsWith("probe-answers-");
    }

    @Test
    void whatFollowsAnAnswerSeesHeraldsClassesWhicheverThreadTheAnswerThreadsWereMadeFrom() throws Exception {
        // as a thread of the common fork-join pool has the system class loader, which in the packaged jar sees none
        // of Herald's classes and resources: its SQL files failed to load on the answer threads made from one
        ClassLoader blind = new URLClassLoader(new URL[0], null);
        URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
        CompletableFuture<ClassLoader> seen = new CompletableFuture<>();
        Thread caller = new Thread(() -> {
            AsyncHttp client = new AsyncHttp("blind", 1, Duration.ofSeconds(2));
            try {
                seen.complete(client.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.discarding())
                        .thenApply(response -> Thread.currentThread().getContextClassLoader())
                        .get(10, TimeUnit.SECONDS));
            } catch (Exception e) {
                seen.completeExceptionally(e);
            } finally {
                client.close();
            }
        });
        caller.setContextClassLoader(blind);
        caller.start();

        assertThat(seen.get(20, TimeUnit.SECONDS)).isSameAs(AsyncHttp.class.getClassLoader());
    }

    @Test
    void whatFollowsAFailureRunsOnTheClientsOwnAnswerThreadsToo() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        URI uri = URI.create("http://127.0.0.1:" + closed + "/");

        String thread = async.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.discarding())
                .handle((response, failure) -> {
                    assertThat(failure).as("connection refused").isNotNull();
                    return Thread.currentThread().getName();
                }).get(10, TimeUnit.SECONDS);

        assertThat(thread).startsWith("probe-answers-");
    }
}
