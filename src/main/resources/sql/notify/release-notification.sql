UPDATE notification SET state = 'DECIDED', updated_at = :now
 WHERE id = :id AND state = 'SENDING'
