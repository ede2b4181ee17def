-- the customers who have this number, the most recently updated first: its locale and zone answer the number
SELECT customer_id, locale, timezone
  FROM customer
 WHERE phone = :phone
 ORDER BY updated_at DESC, customer_id
