-- puts an attempt claimed for its hand-off back to DECIDED until :notBefore, the end of the recipient's quiet hours,
-- when the republish sweep publishes it again
UPDATE notification SET state = 'DECIDED', not_before = :notBefore, failure_reason = :reason, updated_at = :now
 WHERE id = :id AND state = 'SENDING'
