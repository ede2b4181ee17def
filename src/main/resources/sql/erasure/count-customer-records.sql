-- whether Herald holds anything of the customer: their record, preferences, orders or decisions, each counted through
-- an index (an attempt has a decision, or an order)
SELECT (SELECT COUNT(*) FROM customer WHERE customer_id = :customerId)
     + (SELECT COUNT(*) FROM preference WHERE customer_id = :customerId)
     + (SELECT COUNT(*) FROM customer_order WHERE customer_id = :customerId)
     + (SELECT COUNT(*) FROM decision WHERE customer_id = :customerId)
