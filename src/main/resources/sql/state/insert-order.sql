INSERT INTO customer_order (order_id, status, customer_id, total, currency, items_json, last_event_at, updated_at)
VALUES (:orderId, :status, :customerId, :total, :currency, :itemsJson, :occurredAt, :now)
