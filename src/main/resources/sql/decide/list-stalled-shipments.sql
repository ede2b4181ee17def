-- the shipments in one status with no scan since :before, of every carrier but those with a stall time of their own
-- for it (:exceptCarriers, never empty), not yet told of this stall, oldest first: a batch of the stall time
-- herald.rules.stalled.after, through shipment_stall. StalledShipments runs one query per stall time, so a shipment
-- that has none, or a longer one, is never read here and cannot fill the batch
SELECT s.carrier, s.tracking_number, s.status, s.status_text, s.location, s.estimated_delivery, s.order_id,
       s.last_event_at
  FROM shipment s
 WHERE s.status = :status AND s.last_event_at < :before AND s.carrier NOT IN (:exceptCarriers)
   AND NOT EXISTS (SELECT 1 FROM decision d
                    WHERE d.subject_key = 'shipment:' || s.carrier || ':' || s.tracking_number
                      AND d.type = 'stalled' AND d.event_occurred_at = s.last_event_at)
 ORDER BY s.last_event_at
 LIMIT :limit
