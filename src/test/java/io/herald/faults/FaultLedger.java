package io.herald.faults;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one channel should have received against what its sink did. A recipient stands for one notification: each
 * customer has one shipment, and the shipment one notification per channel the customer chose.
 *
 * @param channel   email, sms or push
 * @param expected  notifications the traffic calls for
 * @param delivered expected notifications the sink received at least once
 * @param missing   expected notifications the sink never received
 * @param resent    receipts of an attempt the sink had received already (the same Message-ID, Twilio callback id
 *                  or push notification id): one attempt handed over again after an outcome Herald could not know
 *                  (a push backend recognises its resend by that id and does not push again)
 * @param duplicated receipts of a second attempt for a notification the sink had received already (another id):
 *                  the customer is told twice, and no unknown outcome explains it
 * @param strangers receipts for recipients the traffic never named
 * @param missingRecipients a few of the missing, for the report
 */
record FaultLedger(String channel, int expected, int delivered, int missing, int resent, int duplicated,
                   int strangers, List<String> missingRecipients) {

    static FaultLedger of(String channel, Set<String> expected, List<Delivery> deliveries) {
        Map<String, Set<String>> idsByRecipient = new HashMap<>();
        int resent = 0;
        int duplicated = 0;
        int strangers = 0;
        for (Delivery delivery : deliveries) {
            if (!expected.contains(delivery.recipient())) {
                strangers++;
                continue;
            }
            Set<String> ids = idsByRecipient.computeIfAbsent(delivery.recipient(), r -> new HashSet<>());
            if (ids.isEmpty()) {
                ids.add(delivery.id());
            } else if (!ids.add(delivery.id())) {
                resent++;
            } else {
                duplicated++;
            }
        }
        List<String> missing = new ArrayList<>();
        for (String recipient : expected) {
            if (!idsByRecipient.containsKey(recipient)) {
                missing.add(recipient);
            }
        }
        return new FaultLedger(channel, expected.size(), idsByRecipient.size(), missing.size(), resent, duplicated,
                strangers, missing.subList(0, Math.min(5, missing.size())));
    }

    boolean clean() {
        return missing == 0 && duplicated == 0 && strangers == 0;
    }

    Map<String, Object> row() {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("channel", channel);
        row.put("expected", expected);
        row.put("delivered", delivered);
        row.put("missing", missing);
        row.put("duplicated", duplicated);
        row.put("resent after unknown outcome", resent);
        return row;
    }
}
