UPDATE notification SET state = 'SENDING', updated_at = :now
 WHERE id = :id AND state = 'DECIDED'
