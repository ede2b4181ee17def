-- timeline entries recorded before :before; at most :limit rows a call
DELETE FROM timeline
 WHERE id IN (SELECT id FROM timeline
               WHERE recorded_at < :before
               ORDER BY recorded_at
               LIMIT :limit)
