UPDATE shipment
   SET order_id = COALESCE(order_id, :orderId), destination_zone = COALESCE(destination_zone, :destinationZone),
       updated_at = :now
 WHERE carrier = :carrier AND tracking_number = :trackingNumber
   AND (COALESCE(order_id, :orderId) IS DISTINCT FROM order_id
        OR COALESCE(destination_zone, :destinationZone) IS DISTINCT FROM destination_zone)
