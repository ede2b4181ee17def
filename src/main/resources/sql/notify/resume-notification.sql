UPDATE notification SET updated_at = :now
 WHERE id = :id AND state = 'SENDING' AND updated_at < :staleBefore
