-- Twilio's refusals of a number reported in the window (sms_suppression: 21211, 21614, 30005, 30006), and the numbers
-- put on the SMS suppression list for the first time
SELECT COUNT(*) AS refusals,
       COUNT(DISTINCT CASE WHEN NOT EXISTS (SELECT 1 FROM sms_suppression earlier
                                             WHERE earlier.phone = s.phone
                                               AND earlier.suppressed_at < :from) THEN s.phone END) AS suppressed
  FROM sms_suppression s
 WHERE s.suppressed_at >= :from AND s.suppressed_at < :to
