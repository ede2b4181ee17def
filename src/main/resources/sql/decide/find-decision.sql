SELECT id, subject_key, type, trigger_fingerprint, rule, critical, order_id, carrier, tracking_number, customer_id,
       subject_status, exception_reason, eta, facts, event_occurred_at, state, reason, pending_channels, due_at,
       window_started_at, created_at
  FROM decision WHERE id = :id
