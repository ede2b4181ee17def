SELECT c.timezone, s.destination_zone, c.phone
  FROM shipment s
  LEFT JOIN customer_order o ON o.order_id = s.order_id
  LEFT JOIN customer c ON c.customer_id = o.customer_id
 WHERE s.carrier = :carrier AND s.tracking_number = :trackingNumber
