SELECT locale FROM customer WHERE customer_id = :customerId
