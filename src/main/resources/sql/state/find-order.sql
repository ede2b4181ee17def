SELECT status, customer_id, last_event_at FROM customer_order WHERE order_id = :orderId
