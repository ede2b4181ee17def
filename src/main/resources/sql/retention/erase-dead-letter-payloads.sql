-- dead letters written before :before keep no payload, as a customer's erasure leaves them
-- (erasure/erase-dead-letters.sql); stage, reason and time stay. At most :limit rows a call
UPDATE dead_letter SET payload = NULL
 WHERE id IN (SELECT id FROM dead_letter
               WHERE created_at < :before AND payload IS NOT NULL
               ORDER BY created_at
               LIMIT :limit)
