SELECT d.id FROM decision d
 WHERE d.state = 'AWAITING_CUSTOMER' AND (d.claimed_until IS NULL OR d.claimed_until < :now)
   AND EXISTS (SELECT 1
                 FROM customer_order o JOIN customer c ON c.customer_id = o.customer_id
                WHERE o.order_id = COALESCE(d.order_id,
                          (SELECT s.order_id FROM shipment s
                            WHERE s.carrier = d.carrier AND s.tracking_number = d.tracking_number))
                  AND (c.email IS NOT NULL OR c.phone IS NOT NULL))
 ORDER BY d.created_at
 LIMIT :limit
