-- the open shipments (not delivered, returned or expired) of every customer with this number, newest news first
SELECT s.carrier, s.tracking_number, s.status, s.exception_reason, s.estimated_delivery, s.order_id
  FROM shipment s
  JOIN customer_order o ON o.order_id = s.order_id
  JOIN customer c ON c.customer_id = o.customer_id
 WHERE c.phone = :phone
   AND s.status NOT IN ('DELIVERED', 'RETURNED', 'EXPIRED')
 ORDER BY s.last_event_at DESC, s.updated_at DESC, s.tracking_number
 LIMIT :limit
