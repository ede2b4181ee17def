UPDATE customer_order
   SET status = :status, customer_id = COALESCE(:customerId, customer_id), total = COALESCE(:total, total),
       currency = COALESCE(:currency, currency), items_json = COALESCE(:itemsJson, items_json),
       last_event_at = :occurredAt, updated_at = :now
 WHERE order_id = :orderId
