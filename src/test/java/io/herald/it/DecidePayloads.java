package io.herald.it;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.stream.Collectors;

/** EasyPost trackers with any scan history, in EasyPost's documented Event format, for the decide stage's tests. */
final class DecidePayloads {

    private DecidePayloads() {
    }

    /** An OMS order of a customer in a zone of the test's choosing, placed ten hours ago. */
    static String omsOrder(String orderId, String email, String phone, String timezone, String notify) {
        return """
                {"eventId": "evt-%1$s", "eventType": "order.created", "occurredAt": "%6$s",
                 "order": {"id": "%1$s", "status": "pending", "currency": "USD", "total": 19.90,
                           "items": [{"sku": "CUP-2", "name": "Travel cup", "quantity": 1}]},
                 "customer": {"id": "C-%1$s", "name": "Grace Hopper", "email": "%2$s", "phone": "%3$s",
                              "locale": "en", "timezone": "%4$s", "notify": "%5$s"}}
                """.formatted(orderId, email, phone, timezone, notify, minutesAgo(600));
    }

    /** One TrackingDetail: EasyPost's status and status_detail, the carrier's message, when and where. */
    record Scan(String status, String detail, String message, OffsetDateTime at, String city, String country) {

        static Scan of(String status, String detail, String message, OffsetDateTime at) {
            return new Scan(status, detail, message, at, "Berlin", "DE");
        }
    }

    /** A whole second, so that the same scan sent twice is the same instant. */
    static OffsetDateTime minutesAgo(int minutes) {
        return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES).minusMinutes(minutes);
    }

    /**
     * A {@code tracker.updated} Event whose tracker is in the last scan's status.
     *
     * @param estDelivery the tracker's est_delivery_date, or null
     */
    static String easypost(String trackingNumber, OffsetDateTime estDelivery, List<Scan> scans) {
        Scan last = scans.get(scans.size() - 1);
        String details = scans.stream().map(s -> """
                {"object": "TrackingDetail", "message": "%s", "status": "%s", "status_detail": "%s",
                 "datetime": "%s", "source": "UPS",
                 "tracking_location": {"object": "TrackingLocation", "city": "%s", "state": null,
                                       "country": "%s", "zip": null}}""".formatted(s.message(), s.status(),
                s.detail(), s.at(), s.city(), s.country())).collect(Collectors.joining(","));
        return """
                {"id": "evt_%1$s_%2$s", "object": "Event", "mode": "test", "description": "tracker.updated",
                 "created_at": "%2$s", "updated_at": "%2$s",
                 "result": {"id": "trk_%1$s", "object": "Tracker", "mode": "test", "tracking_code": "%1$s",
                   "status": "%3$s", "status_detail": "%4$s", "carrier": "UPS", "created_at": "%5$s",
                   "updated_at": "%2$s", "est_delivery_date": %6$s,
                   "tracking_details": [%7$s]}}
                """.formatted(trackingNumber, last.at(), last.status(), last.detail(), scans.get(0).at(),
                estDelivery == null ? "null" : "\"" + estDelivery + "\"", details);
    }
}
