SELECT status, order_id, last_event_at FROM shipment WHERE carrier = :carrier AND tracking_number = :trackingNumber
