-- the transition an event made when it was applied; rows from before V8 have none (newest is null)
SELECT subject_key, status, previous_status, status_changed, newest, reason_changed, previous_eta
  FROM timeline
 WHERE fingerprint = :fingerprint AND newest IS NOT NULL
