SELECT order_id FROM notification WHERE id = :id
