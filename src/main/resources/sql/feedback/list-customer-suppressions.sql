-- what keeps the customer's current address and number off their channel: the reports that put them on the
-- suppression lists (email_suppression by the address in lower case, sms_suppression by the number), oldest first
SELECT 'email' AS channel, s.kind AS kind, s.source AS source, CAST(NULL AS INTEGER) AS error_code,
       s.suppressed_at AS suppressed_at
  FROM customer c
  JOIN email_suppression s ON s.address = LOWER(c.email)
 WHERE c.customer_id = :customerId
UNION ALL
SELECT 'sms' AS channel, 'REFUSED' AS kind, 'twilio' AS source, s.error_code AS error_code,
       s.suppressed_at AS suppressed_at
  FROM customer c
  JOIN sms_suppression s ON s.phone = c.phone
 WHERE c.customer_id = :customerId
 ORDER BY suppressed_at
