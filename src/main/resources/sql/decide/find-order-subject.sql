SELECT o.status, CAST(NULL AS TIMESTAMP WITH TIME ZONE) AS estimated_delivery, o.last_event_at, o.order_id,
       CAST(NULL AS VARCHAR(64)) AS destination_zone,
       c.customer_id, c.name, c.email, c.phone, c.locale, c.timezone,
       EXISTS (SELECT 1 FROM email_suppression x WHERE x.address = LOWER(c.email)) AS email_suppressed,
       EXISTS (SELECT 1 FROM sms_suppression y WHERE y.phone = c.phone) AS phone_suppressed
  FROM customer_order o
  LEFT JOIN customer c ON c.customer_id = o.customer_id
 WHERE o.order_id = :orderId
