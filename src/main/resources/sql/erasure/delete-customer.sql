DELETE FROM customer WHERE customer_id = :customerId
