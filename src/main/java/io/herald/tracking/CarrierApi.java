package io.herald.tracking;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * What each polled carrier's Track API expects (docs/sources/polling.md): the track request, and how Herald
 * authenticates. The answer is exactly what that carrier's mapping (mappings/&lt;id&gt;.jsonata) reads.
 */
enum CarrierApi {

    /** UPS Track API v1; OAuth client credentials with HTTP Basic client authentication. */
    UPS("/security/v1/oauth/token", Auth.OAUTH_BASIC) {
        @Override
        TrackRequest track(String trackingNumber) {
            return new TrackRequest("GET", "/api/track/v1/details/" + encode(trackingNumber),
                    "locale=en_US&returnSignature=false", null);
        }
    },

    /** FedEx Track API; OAuth client credentials with the client id and secret in the form. */
    FEDEX("/oauth/token", Auth.OAUTH_FORM) {
        @Override
        TrackRequest track(String trackingNumber) {
            String body = "{\"includeDetailedScans\":true,\"trackingInfo\":[{\"trackingNumberInfo\":"
                    + "{\"trackingNumber\":\"" + jsonText(trackingNumber) + "\"}}]}";
            return new TrackRequest("POST", "/track/v1/trackingnumbers", null, body);
        }
    },

    /** USPS Tracking API v3; OAuth client credentials with the client id and secret in the form. */
    USPS("/oauth2/v3/token", Auth.OAUTH_FORM) {
        @Override
        TrackRequest track(String trackingNumber) {
            return new TrackRequest("GET", "/tracking/v3/tracking/" + encode(trackingNumber), "expand=DETAIL", null);
        }
    },

    /** DHL Shipment Tracking - Unified; an API key in the {@code DHL-API-Key} header. */
    DHL(null, Auth.API_KEY) {
        @Override
        TrackRequest track(String trackingNumber) {
            return new TrackRequest("GET", "/track/shipments", "trackingNumber=" + encode(trackingNumber), null);
        }
    };

    enum Auth { OAUTH_BASIC, OAUTH_FORM, API_KEY }

    /**
     * @param method HTTP method
     * @param path   appended to the carrier's base URL
     * @param query  the query string, or null
     * @param body   the JSON body, or null
     */
    record TrackRequest(String method, String path, String query, String body) {
    }

    private final String tokenPath;
    private final Auth auth;

    CarrierApi(String tokenPath, Auth auth) {
        this.tokenPath = tokenPath;
        this.auth = auth;
    }

    abstract TrackRequest track(String trackingNumber);

    Auth auth() {
        return auth;
    }

    /** The documented token endpoint's path, for a carrier that uses OAuth. */
    String tokenPath() {
        return tokenPath;
    }

    /** The API of a carrier id ({@code ups}, {@code fedex}, {@code usps}, {@code dhl}), if Herald can poll it. */
    static Optional<CarrierApi> of(String carrier) {
        for (CarrierApi api : values()) {
            if (api.name().toLowerCase(Locale.ROOT).equals(carrier)) {
                return Optional.of(api);
            }
        }
        return Optional.empty();
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static String jsonText(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
