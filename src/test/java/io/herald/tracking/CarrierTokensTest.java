package io.herald.tracking;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.herald.MovableClock;
import io.herald.ops.HeraldMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The token cache against WireMock serving a client-credentials token endpoint, with a clock the test moves. */
class CarrierTokensTest {

    private static final String PATH = "/security/v1/oauth/token";

    private final WireMockServer server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    private final MovableClock clock = new MovableClock(Instant.parse("2026-03-10T09:00:00Z"));
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private CarrierTokens tokens;
    private CarrierTokens.Endpoint basic;

    @BeforeEach
    void start() {
        server.start();
        tokens = new CarrierTokens(new ObjectMapper(), new HeraldMetrics(meters), clock);
        basic = new CarrierTokens.Endpoint(URI.create(server.baseUrl() + PATH), "client-1", "secret-1", true);
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    /** Answers token-1, token-2, ... in turn; expires_in as a string, as UPS sends it. */
    private void issueTokens(int count, String expiresIn) {
        String state = Scenario.STARTED;
        for (int i = 1; i <= count; i++) {
            String next = "issued-" + i;
            server.stubFor(post(urlEqualTo(PATH)).inScenario("tokens").whenScenarioStateIs(state)
                    .willReturn(okJson("{\"token_type\":\"Bearer\",\"issued_at\":\"1741597200000\","
                            + "\"client_id\":\"client-1\",\"access_token\":\"token-" + i + "\","
                            + "\"expires_in\":\"" + expiresIn + "\",\"status\":\"approved\"}"))
                    .willSetStateTo(next));
            state = next;
        }
    }

    private double fetched() {
        var counter = meters.find("herald.carrier.tokens").tag("carrier", "ups").tag("outcome", "fetched").counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void tokenIsFetchedOnceWithBasicAuthAndReusedUntilShortlyBeforeItExpires() throws Exception {
        issueTokens(2, "14399");

        assertThat(tokens.token("ups", basic)).isEqualTo("token-1");
        clock.advance(Duration.ofHours(3));
        assertThat(tokens.token("ups", basic)).isEqualTo("token-1");
        clock.advance(Duration.ofMinutes(59).plusSeconds(10));   // 30 s before expiry: within the margin
        assertThat(tokens.token("ups", basic)).isEqualTo("token-2");

        server.verify(2, postRequestedFor(urlEqualTo(PATH))
                .withHeader("Authorization", equalTo("Basic Y2xpZW50LTE6c2VjcmV0LTE="))
                .withHeader("Content-Type", containing("application/x-www-form-urlencoded"))
                .withRequestBody(equalTo("grant_type=client_credentials")));
        assertThat(fetched()).isEqualTo(2.0);
    }

    @Test
    void formClientSendsItsCredentialsInTheBody() throws Exception {
        issueTokens(1, "3600");
        CarrierTokens.Endpoint form = new CarrierTokens.Endpoint(URI.create(server.baseUrl() + PATH), "id 1",
                "s&cret", false);

        assertThat(tokens.token("fedex", form)).isEqualTo("token-1");

        server.verify(1, postRequestedFor(urlEqualTo(PATH))
                .withRequestBody(equalTo("grant_type=client_credentials&client_id=id+1&client_secret=s%26cret")));
    }

    @Test
    void refusedTokenIsReplacedOnceEvenWhenSeveralCallersReportIt() throws Exception {
        issueTokens(3, "3600");
        String first = tokens.token("ups", basic);

        tokens.rejected("ups", first);
        String second = tokens.token("ups", basic);
        tokens.rejected("ups", first);   // a late report about the old token keeps the new one

        assertThat(second).isEqualTo("token-2");
        assertThat(tokens.token("ups", basic)).isEqualTo("token-2");
        server.verify(2, postRequestedFor(urlEqualTo(PATH)));
    }

    @Test
    void concurrentCallersShareOneFetch() throws Exception {
        issueTokens(3, "3600");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> calls = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                calls.add(pool.submit(() -> tokens.token("ups", basic)));
            }
            Set<String> seen = ConcurrentHashMap.newKeySet();
            for (Future<String> call : calls) {
                seen.add(call.get());
            }
            assertThat(seen).containsExactly("token-1");
        } finally {
            pool.shutdownNow();
        }
        server.verify(1, postRequestedFor(urlEqualTo(PATH)));
    }

    @Test
    void refusedClientFailsWithoutQuotingTheAnswerAndIsCounted() {
        server.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(401)
                .withBody("{\"response\":{\"errors\":[{\"code\":\"250003\",\"message\":\"Invalid client secret-1\"}]}}")));

        assertThatThrownBy(() -> tokens.token("ups", basic))
                .isInstanceOf(CarrierTokens.TokenException.class)
                .hasMessage("ups token endpoint answered HTTP 401");
        assertThat(meters.get("herald.carrier.tokens").tag("outcome", "failed").counter().count()).isEqualTo(1.0);
    }
}
