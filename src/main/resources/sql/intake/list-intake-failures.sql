-- a source's open failures, of one reason or (:reason null) of every reason, newest first
SELECT id, source, reason_code, detail, content_type, first_seen, last_seen, seen_count, resolved
  FROM intake_failure
 WHERE source = :source AND (CAST(:reason AS VARCHAR(64)) IS NULL OR reason_code = :reason) AND resolved = FALSE
 ORDER BY last_seen DESC
