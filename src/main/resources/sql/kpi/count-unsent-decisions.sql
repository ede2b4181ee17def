-- decisions taken in the window that are, now, suppressed, superseded, deferred or dropped, by reason
SELECT state, reason, COUNT(*) AS decisions
  FROM decision
 WHERE state IN ('SUPPRESSED', 'SUPERSEDED', 'DEFERRED', 'DROPPED') AND created_at >= :from AND created_at < :to
 GROUP BY state, reason
 ORDER BY state, reason
