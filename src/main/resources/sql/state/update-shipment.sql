UPDATE shipment
   SET status = :status, exception_reason = :exceptionReason, status_text = :statusText, location = :location,
       previous_estimated_delivery = COALESCE(:previousEstimatedDelivery, previous_estimated_delivery),
       estimated_delivery = COALESCE(:estimatedDelivery, estimated_delivery), order_id = COALESCE(:orderId, order_id),
       destination_zone = COALESCE(:destinationZone, destination_zone),
       last_event_at = :occurredAt, updated_at = :now
 WHERE carrier = :carrier AND tracking_number = :trackingNumber
