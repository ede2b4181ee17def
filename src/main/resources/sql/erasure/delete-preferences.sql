DELETE FROM preference WHERE customer_id = :customerId
