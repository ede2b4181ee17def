SELECT (SELECT COUNT(*) FROM customer WHERE customer_id = :customerId)
     + (SELECT COUNT(*) FROM preference WHERE customer_id = :customerId)
     + (SELECT COUNT(*) FROM decision WHERE customer_id = :customerId)
     + (SELECT COUNT(*) FROM notification WHERE customer_id = :customerId)
