SELECT id, facts FROM decision
 WHERE customer_id = :customerId
    OR order_id IN (SELECT order_id FROM customer_order WHERE customer_id = :customerId)
