package io.herald.tracking;

import io.herald.support.Names;
import io.herald.tracking.CarrierApi.TrackRequest;
import java.io.IOException;
import java.net.URI;
import java.util.UUID;
import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;
import org.apache.camel.Message;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Turns a {@link PollTarget} into the carrier's track request for camel-http (routes/polling): base URL, path,
 * query, method, body and credentials. Before a call is repeated it renews the credentials, with a new token when
 * the carrier refused the old one (401).
 */
@Component("carrierRequests")
public class CarrierRequests {

    /** Exchange property: the {@link PollTarget} of this poll. */
    public static final String TARGET = Names.Property.POLL_TARGET;
    /** Exchange property: the carrier's base URL, the endpoint of the route's {@code toD}. */
    public static final String BASE_URL = Names.Property.POLL_BASE_URL;
    private static final String BEARER = "Bearer ";
    private static final Logger LOG = LoggerFactory.getLogger(CarrierRequests.class);

    private final PollingProperties properties;
    private final CarrierTokens tokens;

    public CarrierRequests(PollingProperties properties, CarrierTokens tokens) {
        this.properties = properties;
        this.tokens = tokens;
    }

    /**
     * Replaces the message with the track request of the {@link PollTarget} in its body (or, when the step is
     * repeated, in the exchange property {@link #TARGET}).
     */
    public void prepare(Exchange exchange) throws IOException, InvalidPayloadException {
        PollTarget target = exchange.getProperty(TARGET, PollTarget.class);
        if (target == null) {
            target = exchange.getMessage().getMandatoryBody(PollTarget.class);
            exchange.setProperty(TARGET, target);
        }
        CarrierApi api = api(target.carrier());
        PollingProperties.Carrier carrier = properties.carriers().get(target.carrier());
        TrackRequest track = api.track(target.trackingNumber());
        exchange.setProperty(BASE_URL, carrier.baseUrl().toString());

        Message message = exchange.getMessage();
        // keeps Camel's own headers: the redelivery counter lives there when prepare is repeated
        message.removeHeaders("*", "Camel*");
        message.setHeader(Exchange.HTTP_METHOD, track.method());
        message.setHeader(Exchange.HTTP_PATH, track.path());
        if (track.query() != null) {
            message.setHeader(Exchange.HTTP_QUERY, track.query());
        }
        message.setHeader("Accept", "application/json");
        if (track.body() != null) {
            message.setHeader(Exchange.CONTENT_TYPE, "application/json");
        }
        if (api == CarrierApi.UPS) {
            message.setHeader("transId", UUID.randomUUID().toString().replace("-", ""));
            message.setHeader("transactionSrc", "herald");
        }
        message.setBody(track.body());
        authorize(exchange, target.carrier(), api, carrier);
    }

    /**
     * Before a repeated call (the route configuration's {@code onRedeliveryRef}): after a 401 the refused token is
     * dropped, and the call goes out with a current one. Never throws: when no token can be had now, the repeated
     * call fails on its own and the poll is recorded as failed. A failure before the call (the token fetch in
     * {@link #prepare}) needs nothing here: repeating {@code prepare} fetches again.
     */
    public void renew(Exchange exchange) {
        PollTarget target = exchange.getProperty(TARGET, PollTarget.class);
        Exception failure = exchange.getException() != null ? exchange.getException()
                : exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        if (target == null || !(failure instanceof HttpOperationFailedException http)) {
            return;
        }
        String authorization = exchange.getMessage().getHeader("Authorization", String.class);
        if (http.getStatusCode() == 401 && authorization != null && authorization.startsWith(BEARER)) {
            tokens.rejected(target.carrier(), authorization.substring(BEARER.length()));
        }
        try {
            authorize(exchange, target.carrier(), api(target.carrier()), properties.carriers().get(target.carrier()));
        } catch (IOException | RuntimeException e) {
            LOG.warn("Could not renew the {} credentials before repeating a poll: {}", target.carrier(),
                    e.getMessage());
        }
    }

    private void authorize(Exchange exchange, String id, CarrierApi api, PollingProperties.Carrier carrier)
            throws IOException {
        Message message = exchange.getMessage();
        if (api.auth() == CarrierApi.Auth.API_KEY) {
            message.setHeader("DHL-API-Key", carrier.apiKey());
            return;
        }
        URI tokenUrl = carrier.tokenUrl() != null ? carrier.tokenUrl()
                : URI.create(carrier.baseUrl().toString() + api.tokenPath());
        String token = tokens.token(id, new CarrierTokens.Endpoint(tokenUrl, carrier.clientId(),
                carrier.clientSecret(), api.auth() == CarrierApi.Auth.OAUTH_BASIC));
        message.setHeader("Authorization", BEARER + token);
    }

    private static CarrierApi api(String carrier) {
        return CarrierApi.of(carrier).orElseThrow(
                () -> new IllegalArgumentException("Herald cannot poll carrier " + carrier));
    }
}
