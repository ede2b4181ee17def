-- An order's notifications: every channel attempt, and every decision that has none (waiting, held, superseded, suppressed,
-- dropped), with the decision's reason. The ids of the order's own and of its shipments' are read apart, each through
-- an index (the order's id; a shipment's tracking number for its attempts, its subject key for its decisions), and
-- their UNION keeps each once: an OR of the two would read both tables whole, which keep every attempt and decision
SELECT n.id, n.decision_id, n.subject_key, n.type, n.channel, n.order_id, n.carrier, n.tracking_number, n.customer_id, n.locale,
       n.recipient, n.recipient_zone, n.subject, n.body_text, n.body_html, n.state, n.provider_id, n.failure_reason, d.reason,
       n.event_occurred_at, n.created_at, n.updated_at, n.sent_at
  FROM (SELECT a.id FROM notification a WHERE a.order_id = :orderId
        UNION
        SELECT a.id FROM shipment s JOIN notification a ON a.tracking_number = s.tracking_number
         WHERE s.order_id = :orderId) ids
  JOIN notification n ON n.id = ids.id
  LEFT JOIN decision d ON d.id = n.decision_id
UNION ALL
SELECT d.id, d.id AS decision_id, d.subject_key, d.type, CAST(NULL AS VARCHAR(16)) AS channel, d.order_id, d.carrier,
       d.tracking_number, d.customer_id, CAST(NULL AS VARCHAR(35)) AS locale, CAST(NULL AS VARCHAR(320)) AS recipient,
       CAST(NULL AS VARCHAR(64)) AS recipient_zone, CAST(NULL AS VARCHAR(500)) AS subject, CAST(NULL AS VARCHAR(1)) AS body_text, CAST(NULL AS VARCHAR(1)) AS body_html,
       d.state, CAST(NULL AS VARCHAR(200)) AS provider_id, CAST(NULL AS VARCHAR(1000)) AS failure_reason, d.reason,
       d.event_occurred_at, d.created_at, d.updated_at, CAST(NULL AS TIMESTAMP WITH TIME ZONE) AS sent_at
  FROM (SELECT w.id FROM decision w WHERE w.order_id = :orderId
        UNION
        SELECT w.id FROM shipment s JOIN decision w ON w.subject_key = 'shipment:' || s.carrier || ':' || s.tracking_number
         WHERE s.order_id = :orderId) ids
  JOIN decision d ON d.id = ids.id
 WHERE NOT EXISTS (SELECT 1 FROM notification a WHERE a.decision_id = d.id)
 ORDER BY created_at, type, channel
