SELECT o.order_id
  FROM customer_order o
  JOIN customer c ON c.customer_id = o.customer_id
 WHERE o.order_id = :orderId AND LOWER(c.email) = LOWER(:email)
