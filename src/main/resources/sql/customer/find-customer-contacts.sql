-- the customer's name and contacts as Herald keeps them; no row for a customer Herald has no record of
SELECT name, email, phone FROM customer WHERE customer_id = :customerId
