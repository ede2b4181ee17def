SELECT status, order_id, last_event_at, exception_reason, estimated_delivery
  FROM shipment WHERE carrier = :carrier AND tracking_number = :trackingNumber
