-- the attempts recorded DECIDED of the decisions an event triggered, to publish again when the event comes again as a
-- duplicate: the decide stage's batch committed, but its instance stopped before it published them and committed its
-- offsets. As list-unsent-attempts: not one that its channel deferred, set aside or held for the recipient's quiet
-- hours (each keeps its reason), which the republish sweep takes in their time
SELECT n.id, n.decision_id, n.subject_key, n.type, n.channel, n.order_id, n.carrier, n.tracking_number, n.customer_id,
       n.locale, n.recipient, n.recipient_zone, n.subject, n.body_text, n.body_html, n.state, n.provider_id,
       n.failure_reason, CAST(NULL AS VARCHAR(500)) AS reason, n.event_occurred_at, n.created_at, n.updated_at,
       n.sent_at
  FROM decision d
  JOIN notification n ON n.decision_id = d.id
 WHERE d.subject_key = :subjectKey AND d.trigger_fingerprint = :fingerprint AND n.state = 'DECIDED'
   AND n.failure_reason IS NULL
 ORDER BY n.decision_id, n.channel
