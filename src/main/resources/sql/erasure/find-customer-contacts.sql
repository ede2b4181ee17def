SELECT name, email, phone FROM customer WHERE customer_id = :customerId
