package io.herald.sms;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

/** The outbox's "reply as the customer": a request signed as Twilio signs its inbound webhook. */
class OutboxConversationsTest {

    private WireMockServer herald;

    @BeforeEach
    void start() {
        herald = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        herald.start();
        herald.stubFor(post(urlEqualTo(SmsInboundController.PATH)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/xml").withBody("<Response/>")));
    }

    @AfterEach
    void stop() {
        herald.stop();
    }

    @Test
    void signatureMatchesTwiliosPublishedExample() {
        // the example request of twilio-ruby's RequestValidator spec, with the signature Twilio computed for it
        Map<String, String> params = new LinkedHashMap<>();
        String[] pairs = {"ToState", "California", "CalledState", "California", "Direction", "inbound", "FromState",
                "CA", "AccountSid", "ACba8bc05eacf94afdae398e642c9cc32d", "Caller", "+14153595711", "CallerZip",
                "94108", "CallerCountry", "US", "From", "+14153595711", "FromCity", "SAN FRANCISCO", "CallerCity",
                "SAN FRANCISCO", "To", "+14157669926", "FromZip", "94108", "FromCountry", "US", "ToCity", "",
                "CallStatus", "ringing", "CalledCity", "", "CallerState", "CA", "CalledZip", "", "ToZip", "",
                "ToCountry", "US", "CallSid", "CA136d09cd59a3c0ec8dbff44da5c03f31", "CalledCountry", "US", "Called",
                "+14157669926", "ApiVersion", "2010-04-01", "ApplicationSid", "AP44efecad51364e80b133bb7c07eb8204"};
        for (int i = 0; i < pairs.length; i += 2) {
            params.put(pairs[i], pairs[i + 1]);
        }
        assertThat(new TwilioSignatures("2bd9e9638872de601313dc77410d3b23").sign(
                "http://twiliotests.heroku.com/validate/voice", params)).isEqualTo("oVb2kXoVy8GEfwBDjR8bk/ZZ6eA=");
    }

    @Test
    void replyPostsTheCustomersAnswerSignedOverThePublicUrl() {
        OutboxConversations outbox = new OutboxConversations(null, "bean:localSmsOutbox?method=send",
                new TwilioSignatures("local-token"),
                "https://herald.example.com/", "+15005550006");

        var answer = outbox.reply(" +4915112345678 ", "STATUS", pageRequest());

        assertThat(answer.getStatusCode().value()).isEqualTo(303);
        assertThat(answer.getHeaders().getLocation()).hasToString("/outbox");
        LoggedRequest inbound = herald.findAll(postRequestedFor(urlEqualTo(SmsInboundController.PATH))).get(0);
        Map<String, String> form = form(inbound.getBodyAsString());
        assertThat(form).containsEntry("From", "+4915112345678").containsEntry("Body", "STATUS")
                .containsEntry("To", "+15005550006")
                .containsKey("MessageSid");
        assertThat(inbound.getHeader("X-Twilio-Signature")).isEqualTo(new TwilioSignatures("local-token").sign(
                "https://herald.example.com" + SmsInboundController.PATH, form));
    }

    @Test
    void withRealTwilioNobodyRepliesForTheCustomer() {
        OutboxConversations outbox = new OutboxConversations(null, io.herald.channel.twilio.TwilioMessages.CHANNEL_URI, new TwilioSignatures("token"), "",
                "+15005550006");

        assertThat(outbox.reply("+4915112345678", "STOP", pageRequest()).getStatusCode().value()).isEqualTo(404);
        assertThat(herald.getAllServeEvents()).isEmpty();
    }

    @Test
    void sectionShowsEachConversationWithAFormToAnswerAsTheCustomer() {
        SmsConversations kept = new SmsConversations(null, null) {
            @Override
            public java.util.List<Message> latest(int limit) {
                var at = java.time.OffsetDateTime.parse("2026-03-01T10:00:00Z");
                return java.util.List.of(
                        new Message("+4915112340001", "C-1", "OUT", "Order SO-1 is on its way.", null, at),
                        new Message("+4915112340001", "C-1", "IN", "STATUS", "status", at.minusSeconds(1)));
            }
        };
        OutboxConversations outbox = new OutboxConversations(kept, "bean:localSmsOutbox?method=send", new TwilioSignatures("t"), "",
                "+15005550006");

        String html = outbox.section(java.util.List.of("+4915112340001", "+4915112340002"));

        assertThat(html).contains("<b>+4915112340001</b>", "<b>+4915112340002</b>")
                .containsSubsequence("<pre>STATUS</pre>", "<pre>Order SO-1 is on its way.</pre>")
                .contains("action=\"" + OutboxConversations.REPLY_PATH + "\"",
                        "name=\"from\" value=\"+4915112340002\"");
        assertThat(new OutboxConversations(kept, io.herald.channel.twilio.TwilioMessages.CHANNEL_URI, new TwilioSignatures("t"), "",
                "+15005550006")
                .section(java.util.List.of())).contains("Order SO-1 is on its way.").doesNotContain("<form");
    }

    private MockHttpServletRequest pageRequest() {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", OutboxConversations.REPLY_PATH);
        request.setServerName("127.0.0.1");
        request.setServerPort(herald.port());
        return request;
    }

    private static Map<String, String> form(String body) {
        return Arrays.stream(body.split("&")).map(pair -> pair.split("=", 2))
                .collect(Collectors.toMap(kv -> URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                        kv -> kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "",
                        (a, b) -> b, LinkedHashMap::new));
    }
}
