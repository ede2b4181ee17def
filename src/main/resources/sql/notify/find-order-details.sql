SELECT order_id, status, total, currency, items_json FROM customer_order WHERE order_id = :orderId
