-- told: an attempt of it went out or still may (a deferred decision's email went at once)
SELECT d.id, d.subject_key, d.type, d.trigger_fingerprint, d.rule, d.critical, d.order_id, d.carrier,
       d.tracking_number, d.customer_id, d.subject_status, d.exception_reason, d.eta, d.facts, d.event_occurred_at,
       d.state, d.reason, d.pending_channels, d.due_at, d.window_started_at, d.created_at,
       EXISTS (SELECT 1 FROM notification n WHERE n.decision_id = d.id AND n.state <> 'SUPERSEDED') AS told
  FROM decision d WHERE d.id = :id
