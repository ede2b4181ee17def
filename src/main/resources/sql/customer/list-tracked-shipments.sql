SELECT carrier, tracking_number, status, exception_reason, location, estimated_delivery, destination_zone,
       last_event_at
  FROM shipment WHERE order_id = :orderId
 ORDER BY last_event_at DESC, tracking_number
