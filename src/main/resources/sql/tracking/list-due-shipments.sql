SELECT s.carrier, s.tracking_number, s.status, s.estimated_delivery, p.consecutive_failures
  FROM shipment s
  LEFT JOIN tracking_poll p ON p.carrier = s.carrier AND p.tracking_number = s.tracking_number
 WHERE s.carrier IN (:carriers)
   AND s.status NOT IN ('DELIVERED', 'RETURNED', 'EXPIRED')
   AND s.last_event_at >= :oldest
   AND (p.next_poll_at IS NULL OR p.next_poll_at <= :now)
   AND NOT EXISTS (SELECT 1 FROM carrier_pause c WHERE c.carrier = s.carrier AND c.paused_until > :now)
 ORDER BY p.next_poll_at NULLS FIRST, s.carrier, s.tracking_number
 LIMIT :limit
