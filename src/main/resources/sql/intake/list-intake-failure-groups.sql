SELECT source, reason_code, COUNT(*) AS payloads, SUM(seen_count) AS seen, MIN(first_seen) AS first_seen,
       MAX(last_seen) AS last_seen
  FROM intake_failure
 WHERE resolved = FALSE
 GROUP BY source, reason_code
 ORDER BY SUM(seen_count) DESC, COUNT(*) DESC, source, reason_code
