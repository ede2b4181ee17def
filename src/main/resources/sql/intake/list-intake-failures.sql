SELECT id, source, reason_code, detail, content_type, first_seen, last_seen, seen_count, resolved
  FROM intake_failure
 WHERE source = :source AND reason_code = :reason AND resolved = FALSE
 ORDER BY last_seen DESC
