-- stored intake payloads last received before :before, replayed or not; at most :limit rows a call
DELETE FROM intake_failure
 WHERE id IN (SELECT id FROM intake_failure
               WHERE last_seen < :before
               ORDER BY last_seen
               LIMIT :limit)
