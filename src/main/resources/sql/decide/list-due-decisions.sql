SELECT id FROM decision
 WHERE state IN ('AWAITING_CUSTOMER', 'HELD', 'DEFERRED') AND due_at <= :now
   AND (claimed_until IS NULL OR claimed_until < :now)
 ORDER BY due_at
 LIMIT :limit
