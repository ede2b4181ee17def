-- the attempts of the customer: of their decisions, of their orders, or to their address or number. Each found
-- through an index (notification_attempt_once, notification_order, notification_recipient): an OR of the three
-- columns read the whole table, which keeps every attempt for the KPIs
SELECT n.id FROM decision d JOIN notification n ON n.decision_id = d.id
 WHERE d.customer_id = :customerId
UNION
SELECT n.id FROM customer_order o JOIN notification n ON n.order_id = o.order_id
 WHERE o.customer_id = :customerId
UNION
SELECT n.id FROM notification n WHERE n.recipient IN (:email, :phone)
