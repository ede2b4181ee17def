package io.herald.sms;

import io.herald.feedback.DeliveryFeedback;
import io.herald.feedback.ProviderStates;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Twilio's status callback, {@code POST /api/v1/sms/status?n=<attempt id>} (the URL {@code SmsMessages} gives each
 * SMS as its {@code StatusCallback}), signed as {@link TwilioSignatureFilter} checks. It moves the attempt's state
 * ({@link DeliveryFeedback#smsStatus}), records the recipient's STOP when it failed with 21610 ({@link TwilioRefusals}),
 * and answers 204 whatever the report moved, so Twilio does not send it again.
 */
@RestController
class SmsStatusController {

    private final DeliveryFeedback feedback;
    private final TwilioRefusals refusals;

    SmsStatusController(DeliveryFeedback feedback, TwilioRefusals refusals) {
        this.feedback = feedback;
        this.refusals = refusals;
    }

    @PostMapping(path = "/api/v1/sms/status", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    ResponseEntity<Void> status(@RequestParam(name = "n", required = false) String attemptId,
                                @RequestParam(name = "MessageStatus", required = false) String messageStatus,
                                @RequestParam(name = "ErrorCode", required = false) String errorCode,
                                @RequestParam(name = "MessageSid", required = false) String messageSid) {
        feedback.smsStatus(attemptId, messageStatus, errorCode, messageSid)
                .filter(ProviderStates::failed)
                .ifPresent(failed -> refusals.reported(attemptId, errorCode));
        return ResponseEntity.noContent().build();
    }
}
