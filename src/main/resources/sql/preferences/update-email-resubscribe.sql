UPDATE email_unsubscribe
   SET resubscribed_at = :at
 WHERE customer_id = :customerId AND resubscribed_at IS NULL AND unsubscribed_at <= :at
