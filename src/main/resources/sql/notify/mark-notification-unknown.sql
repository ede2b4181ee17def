UPDATE notification SET state = 'UNKNOWN', failure_reason = :reason, updated_at = :now
 WHERE id = :id AND state = 'SENDING'
