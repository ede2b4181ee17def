SELECT carrier, tracking_number, status, exception_reason, status_text, location, estimated_delivery,
       previous_estimated_delivery, order_id, last_event_at, updated_at
  FROM shipment WHERE order_id = :orderId
 ORDER BY last_event_at
