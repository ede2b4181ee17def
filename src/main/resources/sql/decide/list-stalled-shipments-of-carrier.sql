-- one carrier's shipments in one status with no scan since :before, not yet told of this stall, oldest first: a
-- batch of the stall time herald.rules.stalled.carriers.<carrier>.<status>, through shipment_carrier_stall, so other
-- carriers' old shipments in that status are not read
SELECT s.carrier, s.tracking_number, s.status, s.status_text, s.location, s.estimated_delivery, s.order_id,
       s.last_event_at
  FROM shipment s
 WHERE s.status = :status AND s.carrier = :carrier AND s.last_event_at < :before
   AND NOT EXISTS (SELECT 1 FROM decision d
                    WHERE d.subject_key = 'shipment:' || s.carrier || ':' || s.tracking_number
                      AND d.type = 'stalled' AND d.event_occurred_at = s.last_event_at)
 ORDER BY s.last_event_at
 LIMIT :limit
