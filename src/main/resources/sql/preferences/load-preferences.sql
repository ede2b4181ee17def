-- Everything a customer's effective preferences need, in one query: their rows (choices and source consent),
-- whether the customer is known, an open SMS STOP of the phone (the given one, else the customer's), an open email
-- unsubscribe.
SELECT 'choice' AS kind, p.type AS type, p.channel AS channel, p.enabled AS enabled, p.origin AS origin
  FROM preference p
 WHERE p.customer_id = :customerId
UNION ALL
SELECT 'customer', NULL, NULL, NULL, NULL
  FROM customer c
 WHERE c.customer_id = :customerId
UNION ALL
SELECT 'sms-stopped', NULL, NULL, NULL, NULL
  FROM sms_opt_out s
 WHERE s.opted_in_at IS NULL
   AND s.phone = COALESCE(:phone, (SELECT c.phone FROM customer c WHERE c.customer_id = :customerId))
UNION ALL
SELECT 'email-unsubscribed', NULL, NULL, NULL, NULL
  FROM email_unsubscribe e
 WHERE e.customer_id = :customerId AND e.resubscribed_at IS NULL
