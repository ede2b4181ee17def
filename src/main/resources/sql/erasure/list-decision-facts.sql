-- the decisions of the customer and of their orders, each found through an index (decision_customer_day,
-- decision_order) rather than an OR that reads the table whole
SELECT id, facts FROM decision
 WHERE id IN (SELECT d.id FROM decision d WHERE d.customer_id = :customerId
              UNION
              SELECT d.id FROM customer_order o JOIN decision d ON d.order_id = o.order_id
               WHERE o.customer_id = :customerId)
