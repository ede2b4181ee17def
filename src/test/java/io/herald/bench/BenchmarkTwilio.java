package io.herald.bench;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.util.List;

/**
 * Twilio's Messages API on WireMock for the benchmark ({@code -Dbenchmark.twilio-latency-ms}): every message is
 * accepted (201, Twilio's message resource) after a fixed delay, as Twilio answers after a few hundred milliseconds.
 * The delays are served asynchronously, so the stub is not what limits how many messages wait for it at once.
 */
final class BenchmarkTwilio implements AutoCloseable {

    static final String ACCOUNT_SID = "AC00000000000000000000000000bench1";
    static final String AUTH_TOKEN = "benchmark-auth-token";
    /** A short code: Twilio's 100 segments a second (herald.channels.sms.rates.short-code). */
    static final String SENDER = "12345";

    private final WireMockServer server;
    private final int latencyMs;

    BenchmarkTwilio(int latencyMs) {
        this.latencyMs = latencyMs;
        server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort().containerThreads(50)
                .asynchronousResponseEnabled(true).asynchronousResponseThreads(8));
        server.start();
        server.stubFor(post(urlEqualTo("/2010-04-01/Accounts/" + ACCOUNT_SID + "/Messages.json"))
                .willReturn(aResponse().withStatus(201).withFixedDelay(latencyMs)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"sid\": \"SM00000000000000000000000000bench\", \"status\": \"queued\"}")));
    }

    /** Herald's settings that send its SMS here, from the short code. */
    List<String> heraldArgs() {
        return List.of(
                "--herald.channels.sms.uri=bean:twilioMessages?method=send",
                "--herald.channels.sms.twilio.account-sid=" + ACCOUNT_SID,
                "--herald.channels.sms.twilio.auth-token=" + AUTH_TOKEN,
                "--herald.channels.sms.twilio.base-url=http://127.0.0.1:" + server.port(),
                "--herald.notifications.sms-from=" + SENDER);
    }

    int latencyMs() {
        return latencyMs;
    }

    /** The most messages Twilio accepted within any one second (from the stub's request log, to the millisecond). */
    int peakPerSecond() {
        long[] at = server.getAllServeEvents().stream()
                .filter(event -> event.getResponse().getStatus() == 201)
                .mapToLong(event -> event.getRequest().getLoggedDate().getTime()).sorted().toArray();
        int peak = 0;
        for (int first = 0, last = 0; last < at.length; last++) {
            while (at[last] - at[first] >= 1000) {
                first++;
            }
            peak = Math.max(peak, last - first + 1);
        }
        return peak;
    }

    @Override
    public void close() {
        server.stop();
    }
}
