package io.herald.channel.twilio;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.client.BasicCredentials;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.twilio.exception.ApiException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.type.PhoneNumber;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class BaseUrlHttpClientTest {

    private static final String ACCOUNT_SID = "AC00000000000000000000000000000001";
    private static final String AUTH_TOKEN = "test-auth-token-0001";
    private static final String MESSAGES_PATH = "/2010-04-01/Accounts/" + ACCOUNT_SID + "/Messages.json";

    /** A Message resource as Twilio documents the answer to "create a message": 201 with the queued message. */
    private static final String CREATED_MESSAGE = """
            {
              "account_sid": "%1$s",
              "api_version": "2010-04-01",
              "body": "Hi",
              "date_created": "Mon, 02 Mar 2026 10:15:00 +0000",
              "date_sent": null,
              "date_updated": "Mon, 02 Mar 2026 10:15:00 +0000",
              "direction": "outbound-api",
              "error_code": null,
              "error_message": null,
              "from": "+15005550006",
              "messaging_service_sid": null,
              "num_media": "0",
              "num_segments": "1",
              "price": null,
              "price_unit": "USD",
              "sid": "SM0123456789abcdef0123456789abcdef",
              "status": "queued",
              "subresource_uris": {
                "media": "/2010-04-01/Accounts/%1$s/Messages/SM0123456789abcdef0123456789abcdef/Media.json"
              },
              "to": "+4915112345678",
              "uri": "/2010-04-01/Accounts/%1$s/Messages/SM0123456789abcdef0123456789abcdef.json"
            }
            """.formatted(ACCOUNT_SID);

    /** Twilio's documented error body. */
    private static final String SERVICE_UNAVAILABLE = """
            {"code": 20503, "message": "Service unavailable", "more_info": "https://www.twilio.com/docs/errors/20503", "status": 503}
            """;

    @RegisterExtension
    static WireMockExtension twilio = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    private TwilioRestClient clientFor(String baseUrl) {
        return new TwilioRestClient.Builder(ACCOUNT_SID, AUTH_TOKEN)
                .accountSid(ACCOUNT_SID)
                .httpClient(new BaseUrlHttpClient(baseUrl))
                .build();
    }

    private static Message sendHi(TwilioRestClient client) {
        return Message.creator(new PhoneNumber("+4915112345678"), new PhoneNumber("+15005550006"), "Hi")
                .setStatusCallback("http://cb/x")
                .create(client);
    }

    @Test
    void messageCreationReachesTheStubWithFormFieldsAndBasicAuthAndParsesTheSid() {
        twilio.stubFor(post(urlPathEqualTo(MESSAGES_PATH))
                .willReturn(aResponse().withStatus(201)
                        .withHeader("Content-Type", "application/json")
                        .withBody(CREATED_MESSAGE)));

        Message message = sendHi(clientFor(twilio.baseUrl()));

        assertThat(message.getSid()).isEqualTo("SM0123456789abcdef0123456789abcdef");
        assertThat(message.getStatus()).isEqualTo(Message.Status.QUEUED);
        twilio.verify(1, postRequestedFor(urlPathEqualTo(MESSAGES_PATH))
                .withBasicAuth(new BasicCredentials(ACCOUNT_SID, AUTH_TOKEN))
                .withFormParam("To", equalTo("+4915112345678"))
                .withFormParam("From", equalTo("+15005550006"))
                .withFormParam("Body", equalTo("Hi"))
                .withFormParam("StatusCallback", equalTo("http://cb/x")));
    }

    @Test
    void aPathInTheBaseUrlIsPutInFrontOfTheApiPath() {
        twilio.stubFor(post(urlPathEqualTo("/twilio" + MESSAGES_PATH))
                .willReturn(aResponse().withStatus(201)
                        .withHeader("Content-Type", "application/json")
                        .withBody(CREATED_MESSAGE)));

        Message message = sendHi(clientFor(twilio.baseUrl() + "/twilio/"));

        assertThat(message.getSid()).isEqualTo("SM0123456789abcdef0123456789abcdef");
        twilio.verify(1, postRequestedFor(urlPathEqualTo("/twilio" + MESSAGES_PATH)));
    }

    @Test
    void serviceUnavailableSurfacesAsApiExceptionWithStatus503() {
        twilio.stubFor(post(urlPathEqualTo(MESSAGES_PATH))
                .willReturn(aResponse().withStatus(503)
                        .withHeader("Content-Type", "application/json")
                        .withBody(SERVICE_UNAVAILABLE)));

        TwilioRestClient client = clientFor(twilio.baseUrl());

        assertThatThrownBy(() -> sendHi(client))
                .isInstanceOfSatisfying(ApiException.class,
                        e -> assertThat(e.getStatusCode()).isEqualTo(503));
    }

    @Test
    void aBaseUrlThatIsNotAbsoluteHttpIsRefused() {
        assertThatThrownBy(() -> new BaseUrlHttpClient("api.twilio.com"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BaseUrlHttpClient("ftp://api.twilio.com"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void tooManyRequestsWithRetryAfterIsThrownWithTheWaitTwilioAskedFor() {
        twilio.stubFor(post(urlPathEqualTo(MESSAGES_PATH))
                .willReturn(aResponse().withStatus(429)
                        .withHeader("Content-Type", "application/json")
                        .withHeader("Retry-After", "7")
                        .withBody("{\"code\": 20429, \"message\": \"Too Many Requests\", \"status\": 429}")));

        assertThatThrownBy(() -> sendHi(clientFor(twilio.baseUrl())))
                .isInstanceOfSatisfying(RetryAfterException.class, refused -> {
                    assertThat(refused.retryAfter()).isEqualTo(java.time.Duration.ofSeconds(7));
                    assertThat(refused.getStatusCode()).isEqualTo(429);
                    assertThat(refused.getCode()).isEqualTo(20429);
                });
    }

    @Test
    void aRefusalWithoutRetryAfterStaysTheSdksOwnException() {
        twilio.stubFor(post(urlPathEqualTo(MESSAGES_PATH))
                .willReturn(aResponse().withStatus(429)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"code\": 20429, \"message\": \"Too Many Requests\", \"status\": 429}")));

        assertThatThrownBy(() -> sendHi(clientFor(twilio.baseUrl())))
                .isInstanceOf(ApiException.class).isNotInstanceOf(RetryAfterException.class);
    }
}
