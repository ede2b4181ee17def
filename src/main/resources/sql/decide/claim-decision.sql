UPDATE decision SET claimed_until = :until
 WHERE id = :id AND state IN ('AWAITING_CUSTOMER', 'HELD', 'DEFERRED')
   AND (claimed_until IS NULL OR claimed_until < :now)
