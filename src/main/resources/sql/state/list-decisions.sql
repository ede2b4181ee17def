SELECT id, type, rule, critical, subject_status, exception_reason, eta, state, reason, pending_channels, due_at,
       event_occurred_at, trigger_fingerprint, created_at, updated_at
  FROM decision WHERE subject_key = :subjectKey
 ORDER BY created_at, seq
