-- the payloads of the dead letters of the customer's attempts (a channel's message names its recipient and bodies),
-- found by the attempts erase-notifications.sql erases, before it blanks the recipients it finds them by
UPDATE dead_letter SET payload = NULL
 WHERE payload IS NOT NULL
   AND notification_id IN (SELECT n.id FROM decision d JOIN notification n ON n.decision_id = d.id
                            WHERE d.customer_id = :customerId
                           UNION
                           SELECT n.id FROM customer_order o JOIN notification n ON n.order_id = o.order_id
                            WHERE o.customer_id = :customerId
                           UNION
                           SELECT n.id FROM notification n WHERE n.recipient IN (:email, :phone))
