package io.herald.it;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/** Payloads in each source's documented format (docs/sources/), with times near now so the rules notify. */
final class SamplePayloads {

    private SamplePayloads() {
    }

    static String at(int minutesAgo) {
        return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS).minusMinutes(minutesAgo).toString();
    }

    static String omsOrder(String orderId, String customerId, String email, String phone, String locale,
                           String notify, int minutesAgo) {
        return """
                {"eventId": "evt-%1$s", "eventType": "order.created", "occurredAt": "%7$s",
                 "order": {"id": "%1$s", "status": "pending", "currency": "EUR", "total": 42.50,
                           "items": [{"sku": "MUG-1", "name": "Enamel mug", "quantity": 2}]},
                 "customer": {"id": "%2$s", "name": "Ada Lovelace", "email": "%3$s", "phone": "%4$s",
                              "locale": "%5$s", "timezone": "Europe/Berlin", "notify": "%6$s"}}
                """.formatted(orderId, customerId, email, phone, locale, notify, at(minutesAgo));
    }

    /** The OMS's cancellation of {@link #omsOrder}'s order, an event of its own. */
    static String omsOrderCancelled(String orderId, String customerId, String email, String phone, int minutesAgo) {
        return omsOrder(orderId, customerId, email, phone, "en", "email", minutesAgo)
                .replace("evt-" + orderId, "evt-" + orderId + "-cancelled")
                .replace("order.created", "order.cancelled").replace("\"pending\"", "\"cancelled\"");
    }

    static String wmsShipped(String orderId, String trackingNumber, int minutesAgo) {
        return """
                {"eventId": "wms-%2$s-shipped", "event": "SHIPPED", "occurredAt": "%3$s", "orderId": "%1$s",
                 "carrier": "UPS", "trackingNumber": "%2$s",
                 "location": {"facility": "DC Leipzig", "city": "Leipzig", "country": "DE", "timezone": "Europe/Berlin"}}
                """.formatted(orderId, trackingNumber, at(minutesAgo));
    }

    /** An EasyPost {@code tracker.updated} Event whose tracker is now in {@code status}, with its scan history. */
    static String easypostTrackerUpdated(String trackingNumber, String status, int minutesAgo) {
        String delivered = "delivered".equals(status) ? """
                ,{"object": "TrackingDetail", "message": "Delivered, front door", "status": "delivered",
                  "status_detail": "arrived_at_destination", "datetime": "%s", "source": "UPS",
                  "tracking_location": {"object": "TrackingLocation", "city": "Berlin", "state": null,
                                        "country": "DE", "zip": "10115"}}
                """.formatted(at(minutesAgo)) : "";
        int outForDeliveryAgo = "delivered".equals(status) ? minutesAgo + 30 : minutesAgo;
        return """
                {"id": "evt_%1$s_%2$s", "object": "Event", "mode": "test", "description": "tracker.updated",
                 "created_at": "%3$s", "updated_at": "%3$s", "previous_attributes": {"status": "in_transit"},
                 "result": {"id": "trk_%1$s", "object": "Tracker", "mode": "test", "tracking_code": "%1$s",
                   "status": "%2$s", "status_detail": "%2$s", "carrier": "UPS", "created_at": "%4$s",
                   "updated_at": "%3$s", "est_delivery_date": null,
                   "tracking_details": [
                     {"object": "TrackingDetail", "message": "Departed from facility", "status": "in_transit",
                      "status_detail": "departed_facility", "datetime": "%4$s", "source": "UPS",
                      "tracking_location": {"object": "TrackingLocation", "city": "Leipzig", "state": null,
                                            "country": "DE", "zip": null}},
                     {"object": "TrackingDetail", "message": "Out for delivery", "status": "out_for_delivery",
                      "status_detail": "out_for_delivery", "datetime": "%5$s", "source": "UPS",
                      "tracking_location": {"object": "TrackingLocation", "city": "Berlin", "state": null,
                                            "country": "DE", "zip": null}}
                     %6$s]}}
                """.formatted(trackingNumber, status, at(minutesAgo), at(minutesAgo + 120), at(outForDeliveryAgo),
                delivered);
    }
}
