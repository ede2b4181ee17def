UPDATE decision SET state = :state, reason = :reason, due_at = NULL, claimed_until = NULL, updated_at = :now
 WHERE id = :id AND state IN ('AWAITING_CUSTOMER', 'HELD', 'DEFERRED')
