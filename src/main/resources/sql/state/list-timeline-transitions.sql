-- the timeline rows of a batch's events, by fingerprint, read once for the batch; rows from before V8 have no
-- transition (newest is null) but still mean the event is in the timeline
SELECT fingerprint, subject_key, status, previous_status, status_changed, newest, reason_changed, previous_eta
  FROM timeline
 WHERE fingerprint IN (:fingerprints)
