package io.herald.tracking;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Carrier polling, under {@code herald.polling.*} (docs/sources/polling.md). Off unless a carrier is enabled.
 *
 * @param period        how often the poller looks for due shipments, in milliseconds
 * @param initialDelay  how long after the start it looks first, in milliseconds
 * @param batchSize     at most this many shipments per look
 * @param lease         a shipment taken for a poll is not taken again (by this or another instance) for this long,
 *                      unless its poll is recorded sooner; a poll that never finishes is repeated after it
 * @param maxAge        a shipment whose last carrier event is older than this is no longer polled (a number the
 *                      carrier never finds, a parcel that went quiet)
 * @param schedule      how often a shipment is polled, by status and estimated delivery
 * @param retry         how an outbound poll that failed (IO error, 5xx) is repeated within one look
 * @param carriers      per carrier id ({@code ups}, {@code fedex}, {@code usps}, {@code dhl}): where and how to poll
 */
@ConfigurationProperties("herald.polling")
public record PollingProperties(
        @DefaultValue("60000") long period,
        @DefaultValue("30000") long initialDelay,
        @DefaultValue("50") int batchSize,
        @DefaultValue("5m") Duration lease,
        @DefaultValue("30d") Duration maxAge,
        @DefaultValue Schedule schedule,
        @DefaultValue Retry retry,
        Map<String, Carrier> carriers) {

    /**
     * @param outForDelivery     OUT_FOR_DELIVERY, ATTEMPT_FAILED: the next scan may come any minute
     * @param nearDelivery       the estimated delivery is within {@code nearDeliveryWindow}, or already past
     * @param nearDeliveryWindow how close an estimated delivery counts as near
     * @param inTransit          any other active status
     * @param infoReceived       INFO_RECEIVED: the parcel has not been handed over yet
     * @param notFound           UNKNOWN, or the carrier answered 404: it may know the number later
     * @param failureBackoff     after a failed poll, doubled with each further failure
     * @param maxBackoff         the longest wait after failures or a 429 without Retry-After
     */
    public record Schedule(
            @DefaultValue("15m") Duration outForDelivery,
            @DefaultValue("45m") Duration nearDelivery,
            @DefaultValue("36h") Duration nearDeliveryWindow,
            @DefaultValue("3h") Duration inTransit,
            @DefaultValue("6h") Duration infoReceived,
            @DefaultValue("12h") Duration notFound,
            @DefaultValue("5m") Duration failureBackoff,
            @DefaultValue("6h") Duration maxBackoff) {
    }

    /**
     * @param maximumRedeliveries repeats of a failed call (IO error, 5xx) before the poll counts as failed
     * @param redeliveryDelay     the first repeat's delay in milliseconds, doubled for each further one
     * @param maximumRedeliveryDelay the longest delay between repeats, in milliseconds
     */
    public record Retry(
            @DefaultValue("2") int maximumRedeliveries,
            @DefaultValue("1000") long redeliveryDelay,
            @DefaultValue("10000") long maximumRedeliveryDelay) {
    }

    /**
     * @param enabled      poll this carrier's Track API
     * @param push         the carrier pushes its events (for example UPS Track Alert webhooks): never poll it, even
     *                     when enabled
     * @param baseUrl      the API's base URL, without a trailing slash
     * @param tokenUrl     the OAuth token endpoint; empty for the carrier's documented path under {@code baseUrl}
     * @param clientId     the OAuth client id (UPS, FedEx, USPS); from the environment
     * @param clientSecret the OAuth client secret (UPS, FedEx, USPS); secret, from the environment
     * @param apiKey       the API key (DHL, sent as {@code DHL-API-Key}); secret, from the environment
     */
    public record Carrier(
            @DefaultValue("false") boolean enabled,
            @DefaultValue("false") boolean push,
            URI baseUrl,
            URI tokenUrl,
            String clientId,
            String clientSecret,
            String apiKey) {

        /** Enabled and not pushing. */
        public boolean polled() {
            return enabled && !push;
        }

        @Override
        public String toString() {
            return "Carrier[enabled=" + enabled + ", push=" + push + ", baseUrl=" + baseUrl + "]";
        }
    }

    /** The carriers that are polled, by id. */
    public Map<String, Carrier> polledCarriers() {
        if (carriers == null) {
            return Map.of();
        }
        return carriers.entrySet().stream().filter(e -> e.getValue() != null && e.getValue().polled())
                .collect(java.util.stream.Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));
    }
}
