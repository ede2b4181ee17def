package io.herald.channel.twilio;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToIgnoreCase;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.client.BasicCredentials;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.herald.channel.DeliveryErrors;
import io.herald.channel.SmsMessages;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Twilio's Messages API on WireMock, answering with the formats Twilio documents. */
class TwilioMessagesTest {

    private static final String ACCOUNT_SID = "AC00000000000000000000000000000001";
    private static final String AUTH_TOKEN = "test-auth-token-0001";
    private static final String MESSAGES_PATH = "/2010-04-01/Accounts/" + ACCOUNT_SID + "/Messages.json";
    private static final int AT_ONCE = 20;
    /** When the tests' requests go out, by the client's clock. */
    private static final Instant NOW = Instant.parse("2026-11-29T10:00:00Z");

    /** Holds every request until {@value #AT_ONCE} are at the stub together, for a test that asks for it. */
    private static final Gate GATE = new Gate();

    @RegisterExtension
    static WireMockExtension twilio = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().containerThreads(AT_ONCE + 10).extensions(GATE))
            .build();

    private final DeliveryErrors errors = new DeliveryErrors(60_000, Clock.systemUTC());
    private final List<TwilioMessages> clients = new ArrayList<>();

    @AfterEach
    void closeClients() {
        clients.forEach(TwilioMessages::close);
    }

    @Test
    void postsTheFormWithBasicAuthAndAnswersTwilioMessageSid() throws Exception {
        twilio.stubFor(post(urlPathEqualTo(MESSAGES_PATH)).willReturn(created("SM0123456789abcdef0123456789abcdef")));

        String sid = client(twilio.baseUrl(), Duration.ofSeconds(10))
                .send(sms("+4915112345678", "Grüße: Ihr Paket 📦 ist unterwegs & kommt morgen")).get(10, TimeUnit.SECONDS);

        assertThat(sid).isEqualTo("SM0123456789abcdef0123456789abcdef");
        twilio.verify(1, postRequestedFor(urlPathEqualTo(MESSAGES_PATH))
                .withBasicAuth(new BasicCredentials(ACCOUNT_SID, AUTH_TOKEN))
                .withHeader("Content-Type", equalToIgnoreCase("application/x-www-form-urlencoded; charset=utf-8"))
                .withFormParam("To", equalTo("+4915112345678"))
                .withFormParam("From", equalTo("+15005550006"))
                .withFormParam("Body", equalTo("Grüße: Ihr Paket 📦 ist unterwegs & kommt morgen"))
                .withFormParam("StatusCallback", equalTo("https://herald.example.com/api/v1/sms/status?n=n-1")));
    }

    @Test
    void aPathInTheBaseUrlGoesInFrontOfTheApiPath() throws Exception {
        twilio.stubFor(post(urlPathEqualTo("/twilio" + MESSAGES_PATH)).willReturn(created("SM1")));

        TwilioMessages client = client(twilio.baseUrl() + "/twilio/", Duration.ofSeconds(10));

        assertThat(client.messagesUri().toString()).isEqualTo(twilio.baseUrl() + "/twilio" + MESSAGES_PATH);
        assertThat(client.send(sms("+4915112345678", "Hi")).get(10, TimeUnit.SECONDS)).isEqualTo("SM1");
    }

    @Test
    void aBaseUrlThatIsNotAnAbsoluteHttpUrlIsRefused() {
        assertThatThrownBy(() -> client("api.twilio.com", Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> client("ftp://api.twilio.com", Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> client("https://api.twilio.com?x=1", Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anInvalidNumberIsPermanentAndItsReasonQuotesNoNumber() {
        twilio.stubFor(post(urlPathEqualTo(MESSAGES_PATH)).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withBody("""
                        {"code": 21211, "message": "The 'To' number +4915199999999 is not a valid phone number.",
                         "more_info": "https://www.twilio.com/docs/errors/21211", "status": 400}""")));

        Throwable failure = failureOf(client(twilio.baseUrl(), Duration.ofSeconds(10))
                .send(sms("+4915199999999", "Hi")));

        assertThat(failure).isInstanceOfSatisfying(TwilioApiException.class, e -> {
            assertThat(e.getStatusCode()).isEqualTo(400);
            assertThat(e.code()).isEqualTo(21211);
            assertThat(e.getMessage()).isEqualTo(
                    "Twilio answered 400 with error 21211 (https://www.twilio.com/docs/errors/21211)");
        });
        assertThat(errors.isPermanent(caught(failure))).isTrue();
        assertThat(errors.isUnknownOutcome(failure)).isFalse();
        assertThat(DeliveryErrors.concernsTheMessage(failure)).as("the number's, not Twilio's").isTrue();
    }

    @Test
    void aSenderNumberTwilioDoesNotTakeIsPermanentButEveryMessagesNotTheMessagesAlone() {
        twilio.stubFor(post(urlPathEqualTo(MESSAGES_PATH)).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withBody("""
                        {"code": 21212, "message": "The 'From' number +15005550001 is not a valid phone number, \
                        shortcode, or alphanumeric sender ID.", "more_info": "https://www.twilio.com/docs/errors/21212",
                         "status": 400}""")));

        Throwable failure = failureOf(client(twilio.baseUrl(), Duration.ofSeconds(10))
                .send(sms("+4915112345678", "Hi")));

        assertThat(errors.isPermanent(caught(failure))).as("retries would send from the same number").isTrue();
        assertThat(DeliveryErrors.concernsTheMessage(failure)).as("the channels health component counts it")
                .isFalse();
    }

    @Test
    void anSmsWithoutItsBodyOrRecipientFailsPermanentlyWithoutCallingTwilio() {
        TwilioMessages client = client(twilio.baseUrl(), Duration.ofSeconds(10));

        for (Exchange incomplete : List.of(sms("+4915112345678", " "), sms(null, "Hi"))) {
            Throwable failure = failureOf(client.send(incomplete));

            assertThat(failure).hasMessageStartingWith("An SMS needs");
            assertThat(errors.isPermanent(caught(failure))).as("retries would send the same incomplete message")
                    .isTrue();
        }
        assertThat(twilio.getAllServeEvents()).isEmpty();
    }

    @Test
    void tooManyRequestsAndUnavailableAreRetriedAfterTheirRetryAfter() {
        twilio.stubFor(post(urlPathEqualTo(MESSAGES_PATH)).willReturn(aResponse().withStatus(429)
                .withHeader("Content-Type", "application/json").withHeader("Retry-After", "7")
                .withBody("{\"code\": 20429, \"message\": \"Too Many Requests\", \"status\": 429}")));
        TwilioMessages client = client(twilio.baseUrl(), Duration.ofSeconds(10));

        Throwable tooMany = failureOf(client.send(sms("+4915112345678", "Hi")));

        assertThat(errors.isPermanent(caught(tooMany))).isFalse();
        assertThat(errors.isUnknownOutcome(tooMany)).isFalse();
        assertThat(errors.retryAfterMillis(tooMany)).contains(7_000L);

        twilio.stubFor(post(urlPathEqualTo(MESSAGES_PATH)).willReturn(aResponse().withStatus(503)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"code\": 20503, \"message\": \"Service unavailable\", \"status\": 503}")));

        Throwable unavailable = failureOf(client.send(sms("+4915112345678", "Hi")));

        assertThat(errors.isPermanent(caught(unavailable))).isFalse();
        assertThat(errors.retryAfterMillis(unavailable)).isEmpty();
    }

    @Test
    void noAnswerWithinTheReadTimeoutAndNoSuchMessageAtTwilioLeavesTheOutcomeUnknown() {
        twilio.stubFor(post(urlPathEqualTo(MESSAGES_PATH)).willReturn(created("SM2").withFixedDelay(5_000)));
        twilio.stubFor(get(urlPathEqualTo(MESSAGES_PATH)).willReturn(okJson(listed())));

        Throwable failure = failureOf(client(twilio.baseUrl(), Duration.ofMillis(300)).send(sms("+4915112345678", "Hi")));

        assertThat(failure).isInstanceOf(java.net.http.HttpTimeoutException.class);
        assertThat(errors.isUnknownOutcome(failure)).as("Twilio may still create it: not sent again").isTrue();
        twilio.verify(1, getRequestedFor(urlPathEqualTo(MESSAGES_PATH)).withQueryParam("To", equalTo("+4915112345678"))
                .withQueryParam("From", equalTo("+15005550006")).withQueryParam("PageSize", equalTo("20"))
                .withBasicAuth(new BasicCredentials(ACCOUNT_SID, AUTH_TOKEN)));
    }

    @Test
    void noAnswerWithinTheReadTimeoutToAMessageTwilioListsIsSentWithItsSid() throws Exception {
        twilio.stubFor(post(urlPathEqualTo(MESSAGES_PATH)).willReturn(created("SM2").withFixedDelay(5_000)));
        twilio.stubFor(get(urlPathEqualTo(MESSAGES_PATH)).willReturn(okJson(listed(
                message("SM9", "Your order is on its way", NOW.plusSeconds(2)),
                message("SM8", "Hi", NOW.minusSeconds(30))))));

        String sid = client(twilio.baseUrl(), Duration.ofMillis(300)).send(sms("+4915112345678", "Hi"))
                .get(30, TimeUnit.SECONDS);

        assertThat(sid).as("the message with the same body, dated within the clocks' margin").isEqualTo("SM8");
        twilio.verify(1, postRequestedFor(urlPathEqualTo(MESSAGES_PATH)));
    }

    @Test
    void aConnectionClosedWithoutAnAnswerAfterTwilioCreatedTheMessageSendsItOnce() throws Exception {
        twilio.stubFor(post(urlPathEqualTo(MESSAGES_PATH)).willReturn(aResponse().withFault(Fault.EMPTY_RESPONSE)));
        twilio.stubFor(get(urlPathEqualTo(MESSAGES_PATH)).willReturn(okJson(listed(
                message("SM7", "Ihr Paket kommt heute", NOW.plusSeconds(1))))));

        String sid = client(twilio.baseUrl(), Duration.ofSeconds(10))
                .send(sms("+4915112345678", "Ihr Paket kommt heute")).get(30, TimeUnit.SECONDS);

        assertThat(sid).isEqualTo("SM7");
        twilio.verify(1, postRequestedFor(urlPathEqualTo(MESSAGES_PATH)));
    }

    @Test
    void aConnectionClosedWithoutAnAnswerAndNoSuchMessageAtTwilioIsRetried() {
        twilio.stubFor(post(urlPathEqualTo(MESSAGES_PATH)).willReturn(aResponse().withFault(Fault.EMPTY_RESPONSE)));
        twilio.stubFor(get(urlPathEqualTo(MESSAGES_PATH)).willReturn(okJson(listed(
                message("SM6", "Ihr Paket kommt heute", NOW.minus(TwilioMessages.CLOCK_MARGIN).minusSeconds(1)),
                message("SM5", "Ihr Paket kommt morgen", NOW.plusSeconds(1))))));

        Throwable failure = failureOf(client(twilio.baseUrl(), Duration.ofSeconds(10))
                .send(sms("+4915112345678", "Ihr Paket kommt heute")));

        assertThat(failure).as("the same text sent before the request is another message")
                .isInstanceOf(java.io.IOException.class);
        assertThat(errors.isUnknownOutcome(failure)).as("no message was created: sent again").isFalse();
        assertThat(errors.isPermanent(caught(failure))).isFalse();
        twilio.verify(1, getRequestedFor(urlPathEqualTo(MESSAGES_PATH)));
    }

    @Test
    void aResumedSmsThatTwilioListsSinceItsFirstHandOffIsNotPostedAgain() throws Exception {
        Instant firstHandOff = NOW.minusSeconds(120);
        twilio.stubFor(get(urlPathEqualTo(MESSAGES_PATH)).willReturn(okJson(listed(
                message("SM4", "Ihr Paket kommt heute", firstHandOff.plusSeconds(1))))));
        twilio.stubFor(post(urlPathEqualTo(MESSAGES_PATH)).willReturn(created("SM3")));

        String sid = client(twilio.baseUrl(), Duration.ofSeconds(10))
                .send(resumed(sms("+4915112345678", "Ihr Paket kommt heute"), firstHandOff)).get(30, TimeUnit.SECONDS);

        assertThat(sid).isEqualTo("SM4");
        twilio.verify(0, postRequestedFor(urlPathEqualTo(MESSAGES_PATH)));
    }

    @Test
    void aResumedSmsThatTwilioDoesNotListIsPostedOnce() throws Exception {
        Instant firstHandOff = NOW.minusSeconds(120);
        twilio.stubFor(get(urlPathEqualTo(MESSAGES_PATH)).willReturn(okJson(listed(
                message("SM4", "Ihr Paket kommt heute", firstHandOff.minus(TwilioMessages.CLOCK_MARGIN)
                        .minusSeconds(1))))));
        twilio.stubFor(post(urlPathEqualTo(MESSAGES_PATH)).willReturn(created("SM3")));

        String sid = client(twilio.baseUrl(), Duration.ofSeconds(10))
                .send(resumed(sms("+4915112345678", "Ihr Paket kommt heute"), firstHandOff)).get(30, TimeUnit.SECONDS);

        assertThat(sid).isEqualTo("SM3");
        twilio.verify(1, getRequestedFor(urlPathEqualTo(MESSAGES_PATH)));
        twilio.verify(1, postRequestedFor(urlPathEqualTo(MESSAGES_PATH)));
    }

    @Test
    void aResumedSmsWhoseLookupTimesOutIsNotPostedAndFailsForSure() {
        twilio.stubFor(get(urlPathEqualTo(MESSAGES_PATH)).willReturn(okJson(listed()).withFixedDelay(5_000)));
        twilio.stubFor(post(urlPathEqualTo(MESSAGES_PATH)).willReturn(created("SM3")));

        Throwable failure = failureOf(client(twilio.baseUrl(), Duration.ofMillis(300))
                .send(resumed(sms("+4915112345678", "Hi"), NOW.minusSeconds(120))));

        assertThat(failure).isInstanceOf(java.io.IOException.class).hasMessageContaining("Messages list");
        assertThat(errors.isUnknownOutcome(failure)).as("nothing was posted: the retry looks again").isFalse();
        assertThat(errors.isPermanent(caught(failure))).isFalse();
        twilio.verify(0, postRequestedFor(urlPathEqualTo(MESSAGES_PATH)));
    }

    @Test
    void aLookupThatFailsLeavesTheFailureAsItWas() {
        twilio.stubFor(post(urlPathEqualTo(MESSAGES_PATH)).willReturn(created("SM2").withFixedDelay(5_000)));
        twilio.stubFor(get(urlPathEqualTo(MESSAGES_PATH)).willReturn(aResponse().withStatus(503)));

        Throwable failure = failureOf(client(twilio.baseUrl(), Duration.ofMillis(300)).send(sms("+4915112345678", "Hi")));

        assertThat(failure).isInstanceOf(java.net.http.HttpTimeoutException.class);
        assertThat(errors.isUnknownOutcome(failure)).isTrue();
        twilio.verify(1, getRequestedFor(urlPathEqualTo(MESSAGES_PATH)));
    }

    @Test
    void aConnectionThatCannotBeOpenedFailedForSure() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        Throwable failure = failureOf(client("http://127.0.0.1:" + closedPort, Duration.ofSeconds(5))
                .send(sms("+4915112345678", "Hi")));

        assertThat(failure).isInstanceOf(java.net.ConnectException.class);
        assertThat(errors.isUnknownOutcome(failure)).isFalse();
        assertThat(errors.isPermanent(caught(failure))).isFalse();
    }

    @Test
    void aBatchsMessagesAreAtTwilioTogetherWhileOneThreadHandlesTheAnswers() throws Exception {
        twilio.stubFor(post(urlPathEqualTo(MESSAGES_PATH)).willReturn(created("SM3").withTransformers(Gate.NAME)));
        TwilioMessages client = new TwilioMessages(twilio.baseUrl(), ACCOUNT_SID, AUTH_TOKEN, Duration.ofSeconds(5),
                Duration.ofSeconds(30), 1, Clock.fixed(NOW, ZoneOffset.UTC));
        clients.add(client);
        GATE.expect(AT_ONCE);

        List<CompletableFuture<String>> sent = new ArrayList<>();
        for (int i = 0; i < AT_ONCE; i++) {
            sent.add(client.send(sms("+49151123400" + (10 + i), "Hi " + i)));
        }

        CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        assertThat(GATE.opened()).as("all %d requests were at the stub at once: a send waiting for its answer "
                + "would have held the others back until the gate gave up", AT_ONCE).isTrue();
        assertThat(sent).allMatch(future -> "SM3".equals(future.join()));
    }

    private TwilioMessages client(String baseUrl, Duration readTimeout) {
        TwilioMessages client = new TwilioMessages(baseUrl, ACCOUNT_SID, AUTH_TOKEN, Duration.ofSeconds(5),
                readTimeout, 2, Clock.fixed(NOW, ZoneOffset.UTC));
        clients.add(client);
        return client;
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder created(String sid) {
        return aResponse().withStatus(201).withHeader("Content-Type", "application/json").withBody("""
                {"account_sid": "%s", "api_version": "2010-04-01", "body": "Hi", "direction": "outbound-api",
                 "error_code": null, "error_message": null, "from": "+15005550006", "num_segments": "1",
                 "sid": "%s", "status": "queued", "to": "+4915112345678"}""".formatted(ACCOUNT_SID, sid));
    }

    /** A page of Twilio's Messages list, newest first, as {@code GET Messages.json} answers it. */
    private static String listed(String... messages) {
        return """
                {"end": %d, "first_page_uri": "%s?To=%%2B4915112345678&From=%%2B15005550006&PageSize=20&Page=0",
                 "messages": [%s], "next_page_uri": null, "page": 0, "page_size": 20, "previous_page_uri": null,
                 "start": 0, "uri": "%s?To=%%2B4915112345678&From=%%2B15005550006&PageSize=20&Page=0"}"""
                .formatted(Math.max(0, messages.length - 1), MESSAGES_PATH, String.join(", ", messages),
                        MESSAGES_PATH);
    }

    /** One outbound message of the list, dated as Twilio dates it (RFC 2822). */
    private static String message(String sid, String body, Instant created) {
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(created.atOffset(ZoneOffset.UTC))
                .replace("GMT", "+0000");
        return """
                {"account_sid": "%s", "api_version": "2010-04-01", "body": "%s", "date_created": "%s",
                 "date_sent": null, "date_updated": "%s", "direction": "outbound-api", "error_code": null,
                 "from": "+15005550006", "num_segments": "1", "sid": "%s", "status": "queued",
                 "to": "+4915112345678"}""".formatted(ACCOUNT_SID, body, date, date, sid);
    }

    private static Exchange sms(String to, String body) {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.getMessage().setHeader(SmsMessages.TO, to);
        exchange.getMessage().setHeader(SmsMessages.FROM, "+15005550006");
        exchange.getMessage().setHeader(SmsMessages.BODY, body);
        exchange.getMessage().setHeader(SmsMessages.STATUS_CALLBACK,
                "https://herald.example.com/api/v1/sms/status?n=n-1");
        return exchange;
    }

    /** The exchange as Deliveries.claim leaves it when it took the attempt over from a hand-off that stopped. */
    private static Exchange resumed(Exchange sms, Instant handOffBegan) {
        sms.setProperty(io.herald.support.Names.Property.RESUMED_SINCE, handOffBegan);
        return sms;
    }

    /** The failure the future completed with, unwrapped from the future's own wrapper. */
    private static Throwable failureOf(CompletableFuture<String> future) {
        try {
            future.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException failed) {
            return failed.getCause();
        } catch (Exception other) {
            throw new AssertionError("no failure", other);
        }
        throw new AssertionError("Twilio's answer was taken as a success");
    }

    /** An exchange whose caught exception is the failure, as the channel's error handler sees it. */
    private static Exchange caught(Throwable failure) {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.setProperty(Exchange.EXCEPTION_CAUGHT, failure);
        return exchange;
    }

    /**
     * A response transformer that holds each request until the expected number have arrived, at most 10 s: they
     * are then answered together. {@link #opened()} says whether they all came before the time ran out; once it ran
     * out for one, the gate stays shut and answers the others at once.
     */
    static final class Gate implements ResponseDefinitionTransformerV2 {

        static final String NAME = "gate";
        private volatile CountDownLatch arrived = new CountDownLatch(0);
        private final AtomicBoolean timedOut = new AtomicBoolean();

        void expect(int requests) {
            arrived = new CountDownLatch(requests);
            timedOut.set(false);
        }

        boolean opened() {
            return arrived.getCount() == 0 && !timedOut.get();
        }

        @Override
        public ResponseDefinition transform(ServeEvent serveEvent) {
            CountDownLatch latch = arrived;
            latch.countDown();
            try {
                if (!timedOut.get() && !latch.await(10, TimeUnit.SECONDS)) {
                    timedOut.set(true);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return serveEvent.getResponseDefinition();
        }

        @Override
        public boolean applyGlobally() {
            return false;
        }

        @Override
        public String getName() {
            return NAME;
        }
    }
}
