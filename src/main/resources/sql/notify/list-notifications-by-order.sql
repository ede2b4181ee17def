-- An order's notifications: every channel attempt, and every decision that has none (waiting, held, superseded, suppressed,
-- dropped), with the decision's reason. Those of the order itself and those of its shipments are read apart, each
-- through an index (the order's id; a shipment's tracking number for its attempts, its subject key for its
-- decisions), and an attempt or decision that is both the order's and a shipment's is left out of the second read:
-- an OR of the two would read both tables whole, which keep every attempt and decision
SELECT n.id, n.decision_id, n.subject_key, n.type, n.channel, n.order_id, n.carrier, n.tracking_number, n.customer_id, n.locale,
       n.recipient, n.recipient_zone, n.subject, n.body_text, n.body_html, n.state, n.provider_id, n.failure_reason, d.reason,
       n.event_occurred_at, n.created_at, n.updated_at, n.sent_at
  FROM notification n LEFT JOIN decision d ON d.id = n.decision_id
 WHERE n.order_id = :orderId
UNION ALL
SELECT n.id, n.decision_id, n.subject_key, n.type, n.channel, n.order_id, n.carrier, n.tracking_number, n.customer_id, n.locale,
       n.recipient, n.recipient_zone, n.subject, n.body_text, n.body_html, n.state, n.provider_id, n.failure_reason, d.reason,
       n.event_occurred_at, n.created_at, n.updated_at, n.sent_at
  FROM shipment s
  JOIN notification n ON n.tracking_number = s.tracking_number
  LEFT JOIN decision d ON d.id = n.decision_id
 WHERE s.order_id = :orderId AND n.order_id IS DISTINCT FROM :orderId
UNION ALL
SELECT d.id, d.id AS decision_id, d.subject_key, d.type, CAST(NULL AS VARCHAR(16)) AS channel, d.order_id, d.carrier,
       d.tracking_number, d.customer_id, CAST(NULL AS VARCHAR(35)) AS locale, CAST(NULL AS VARCHAR(320)) AS recipient,
       CAST(NULL AS VARCHAR(64)) AS recipient_zone, CAST(NULL AS VARCHAR(500)) AS subject, CAST(NULL AS VARCHAR(1)) AS body_text, CAST(NULL AS VARCHAR(1)) AS body_html,
       d.state, CAST(NULL AS VARCHAR(200)) AS provider_id, CAST(NULL AS VARCHAR(1000)) AS failure_reason, d.reason,
       d.event_occurred_at, d.created_at, d.updated_at, CAST(NULL AS TIMESTAMP WITH TIME ZONE) AS sent_at
  FROM decision d
 WHERE d.order_id = :orderId
   AND NOT EXISTS (SELECT 1 FROM notification a WHERE a.decision_id = d.id)
UNION ALL
SELECT d.id, d.id AS decision_id, d.subject_key, d.type, CAST(NULL AS VARCHAR(16)) AS channel, d.order_id, d.carrier,
       d.tracking_number, d.customer_id, CAST(NULL AS VARCHAR(35)) AS locale, CAST(NULL AS VARCHAR(320)) AS recipient,
       CAST(NULL AS VARCHAR(64)) AS recipient_zone, CAST(NULL AS VARCHAR(500)) AS subject, CAST(NULL AS VARCHAR(1)) AS body_text, CAST(NULL AS VARCHAR(1)) AS body_html,
       d.state, CAST(NULL AS VARCHAR(200)) AS provider_id, CAST(NULL AS VARCHAR(1000)) AS failure_reason, d.reason,
       d.event_occurred_at, d.created_at, d.updated_at, CAST(NULL AS TIMESTAMP WITH TIME ZONE) AS sent_at
  FROM shipment s
  JOIN decision d ON d.subject_key = 'shipment:' || s.carrier || ':' || s.tracking_number
 WHERE s.order_id = :orderId AND d.order_id IS DISTINCT FROM :orderId
   AND NOT EXISTS (SELECT 1 FROM notification a WHERE a.decision_id = d.id)
 ORDER BY created_at, type, channel
