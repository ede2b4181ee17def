UPDATE notification
   SET recipient = '[erased]', subject = NULL, body_text = '[erased]', body_html = NULL
 WHERE customer_id = :customerId
    OR order_id IN (SELECT order_id FROM customer_order WHERE customer_id = :customerId)
    OR recipient IN (:email, :phone)
