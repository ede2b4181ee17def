package io.herald.notify;

import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** {@code GET /api/v1/notifications?orderId=…} or {@code ?trackingNumber=…}: what Herald told the customer. */
@RestController
class NotificationController {

    private final NotificationLog log;

    NotificationController(NotificationLog log) {
        this.log = log;
    }

    @GetMapping("/api/v1/notifications")
    NotificationList list(@RequestParam(required = false) String orderId,
                          @RequestParam(required = false) String trackingNumber) {
        if ((orderId == null) == (trackingNumber == null)) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "Give exactly one of orderId or trackingNumber");
        }
        List<Notification> found = orderId != null ? log.byOrder(orderId) : log.byTrackingNumber(trackingNumber);
        return new NotificationList(found);
    }

    record NotificationList(List<Notification> notifications) {
    }
}
