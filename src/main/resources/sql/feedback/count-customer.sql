-- whether Herald has a record of the customer
SELECT COUNT(*) FROM customer WHERE customer_id = :customerId
