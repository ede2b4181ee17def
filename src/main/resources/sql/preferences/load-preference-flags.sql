-- Whether the customer is known (a customer row), has an open SMS STOP of the phone (the given one, else the
-- customer's), and an open email unsubscribe: one row.
SELECT EXISTS (SELECT 1 FROM customer c WHERE c.customer_id = :customerId) AS customer_known,
       EXISTS (SELECT 1 FROM sms_opt_out s
                WHERE s.opted_in_at IS NULL
                  AND s.phone = COALESCE(:phone, (SELECT c.phone FROM customer c WHERE c.customer_id = :customerId)))
           AS sms_stopped,
       EXISTS (SELECT 1 FROM email_unsubscribe e
                WHERE e.customer_id = :customerId AND e.resubscribed_at IS NULL) AS email_unsubscribed
