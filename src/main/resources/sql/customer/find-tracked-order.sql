SELECT o.order_id, o.status, o.customer_id, c.name, c.locale, c.timezone, c.phone
  FROM customer_order o
  LEFT JOIN customer c ON c.customer_id = o.customer_id
 WHERE o.order_id = :orderId
