SELECT s.status, s.estimated_delivery, s.last_event_at, s.order_id, s.destination_zone,
       c.customer_id, c.name, c.email, c.phone, c.locale, c.timezone,
       EXISTS (SELECT 1 FROM email_suppression x WHERE x.address = LOWER(c.email)) AS email_suppressed,
       EXISTS (SELECT 1 FROM sms_suppression y WHERE y.phone = c.phone) AS phone_suppressed
  FROM shipment s
  LEFT JOIN customer_order o ON o.order_id = s.order_id
  LEFT JOIN customer c ON c.customer_id = o.customer_id
 WHERE s.carrier = :carrier AND s.tracking_number = :trackingNumber
