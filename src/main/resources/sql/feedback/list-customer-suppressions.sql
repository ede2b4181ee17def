-- the reports that put an address (in lower case) and a number on their suppression lists, oldest first
SELECT 'email' AS channel, s.kind AS kind, s.source AS source, CAST(NULL AS INTEGER) AS error_code,
       s.suppressed_at AS suppressed_at
  FROM email_suppression s
 WHERE s.address = LOWER(:address)
UNION ALL
SELECT 'sms' AS channel, 'REFUSED' AS kind, 'twilio' AS source, s.error_code AS error_code,
       s.suppressed_at AS suppressed_at
  FROM sms_suppression s
 WHERE s.phone = :phone
 ORDER BY suppressed_at
