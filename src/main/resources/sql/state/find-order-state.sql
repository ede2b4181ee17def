SELECT order_id, status, customer_id, total, currency, last_event_at, updated_at
  FROM customer_order WHERE order_id = :orderId
