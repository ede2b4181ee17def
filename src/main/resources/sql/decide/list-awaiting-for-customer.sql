-- the decisions waiting for the customer of one order (or of every order of one customer), released as soon as
-- that order or customer event is applied; the periodic sweep (list-awaiting-with-customer) catches the rest. Runs
-- for every order and customer event: the order is looked up by its key and the customer's orders through
-- customer_order_customer (V24), in two reads, as an OR of the two columns would read customer_order whole
SELECT d.id FROM decision d
 WHERE d.state = 'AWAITING_CUSTOMER'
   AND COALESCE(d.order_id, (SELECT s.order_id FROM shipment s
                              WHERE s.carrier = d.carrier AND s.tracking_number = d.tracking_number))
       IN (SELECT o.order_id FROM customer_order o WHERE o.order_id = :orderId
           UNION
           SELECT o.order_id FROM customer_order o WHERE o.customer_id = :customerId)
