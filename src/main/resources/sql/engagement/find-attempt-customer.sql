SELECT customer_id FROM notification WHERE id = :id
