SELECT s.carrier, s.tracking_number, s.status, s.status_text, s.location, s.estimated_delivery, s.order_id,
       s.last_event_at
  FROM shipment s
 WHERE s.status IN ('INFO_RECEIVED', 'IN_TRANSIT', 'EXCEPTION') AND s.last_event_at < :before
   AND NOT EXISTS (SELECT 1 FROM decision d
                    WHERE d.subject_key = 'shipment:' || s.carrier || ':' || s.tracking_number
                      AND d.type = 'stalled' AND d.event_occurred_at = s.last_event_at)
 ORDER BY s.last_event_at
 LIMIT :limit
