-- a channel's failed attempts recorded since :since whose reason contains what :pattern holds (a LIKE pattern with
-- its own % and _ escaped), oldest first, for an operator to send again; the range is read through
-- notification_created
SELECT id, created_at
  FROM notification
 WHERE created_at >= :since AND channel = :channel AND state IN ('FAILED', 'UNDELIVERED')
   AND COALESCE(failure_reason, '') LIKE :pattern ESCAPE '\'
 ORDER BY created_at, id
 LIMIT :limit
