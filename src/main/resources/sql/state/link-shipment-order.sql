UPDATE shipment SET order_id = :orderId, updated_at = :now
 WHERE carrier = :carrier AND tracking_number = :trackingNumber AND order_id IS NULL
