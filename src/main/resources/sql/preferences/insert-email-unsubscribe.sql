-- an unsubscribe while the customer is already unsubscribed adds nothing
INSERT INTO email_unsubscribe (customer_id, unsubscribed_at, source)
SELECT :customerId, :at, :source
 WHERE NOT EXISTS (SELECT 1 FROM email_unsubscribe WHERE customer_id = :customerId AND resubscribed_at IS NULL)
