-- email feedback reported in the window: hard bounces, complaints, and the addresses suppressed for the first time
SELECT COUNT(CASE WHEN kind = 'BOUNCE' THEN 1 END) AS bounces,
       COUNT(CASE WHEN kind = 'COMPLAINT' THEN 1 END) AS complaints,
       COUNT(DISTINCT CASE WHEN NOT EXISTS (SELECT 1 FROM email_suppression earlier
                                             WHERE earlier.address = s.address
                                               AND earlier.suppressed_at < :from) THEN s.address END) AS suppressed
  FROM email_suppression s
 WHERE s.suppressed_at >= :from AND s.suppressed_at < :to
