package io.herald.faults;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.awaitility.Awaitility;

/**
 * Herald as an operator runs it: the packaged jar ({@code target/herald.jar}, or the system property
 * {@code faults.jar}) in a process of its own, with the JVM options of the README's run. Killing it with
 * {@link #kill()} is a real kill -9: nothing in Herald gets to flush, commit or say goodbye.
 */
final class HeraldProcess {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final int port;
    private final JavaProcess process;
    private Duration lastStart = Duration.ZERO;

    HeraldProcess(String name, Path dir, int port, Map<String, String> settings) {
        this.name = name;
        this.port = port;
        List<String> command = new ArrayList<>(List.of("-Xmx512m", "-XX:TieredStopAtLevel=1", "-jar", jar()));
        Map<String, String> all = new TreeMap<>(settings);
        all.put("server.port", String.valueOf(port));
        all.forEach((key, value) -> command.add("--" + key + "=" + value));
        this.process = new JavaProcess(name, command, dir.resolve(name + ".log"));
    }

    static String jar() {
        String jar = System.getProperty("faults.jar", "target/herald.jar");
        if (!Path.of(jar).toFile().isFile()) {
            throw new IllegalStateException("No packaged Herald at " + jar + ": the fault run needs ./mvnw package first");
        }
        return jar;
    }

    String name() {
        return name;
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** Starts Herald and waits until {@code /actuator/health/readiness} answers 200. */
    void start() {
        long began = System.nanoTime();
        process.start();
        Awaitility.await(name + " ready").atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofMillis(250))
                .ignoreExceptions().until(() -> {
                    process.assertAlive();
                    return ready();
                });
        lastStart = Duration.ofNanos(System.nanoTime() - began);
    }

    Duration lastStart() {
        return lastStart;
    }

    boolean ready() {
        try {
            HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl()
                    + "/actuator/health/readiness")).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return false;
        }
    }

    /** The body of a GET of {@code path} on this instance, or why there is none: for a failing test's message. */
    String get(String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).timeout(Duration.ofSeconds(10))
                    .build(), HttpResponse.BodyHandlers.ofString()).body();
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return "(" + path + " not read: " + e + ")";
        }
    }

    void kill() {
        process.kill();
    }

    void stop() {
        process.stop(Duration.ofSeconds(90));
    }

    boolean isAlive() {
        return process.isAlive();
    }

    void assertAlive() {
        process.assertAlive();
    }

    Path log() {
        return process.log();
    }

    String tail(int lines) {
        return process.tail(lines);
    }
}
