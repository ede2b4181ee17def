SELECT id, type, state, subject_status, exception_reason, eta, created_at, window_started_at
  FROM decision
 WHERE subject_key = :subjectKey
 ORDER BY created_at, seq
