SELECT c.timezone, c.phone
  FROM shipment s
  JOIN customer_order o ON o.order_id = s.order_id
  JOIN customer c ON c.customer_id = o.customer_id
 WHERE s.carrier = :carrier AND s.tracking_number = :trackingNumber
