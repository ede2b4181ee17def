UPDATE notification SET state = 'FAILED', failure_reason = :reason, updated_at = :now
 WHERE id = :id AND state NOT IN ('SENT', 'DELIVERED', 'UNDELIVERED')
