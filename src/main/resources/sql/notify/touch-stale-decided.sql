-- takes a stale DECIDED attempt for publishing again; one instance wins
UPDATE notification SET updated_at = :now
 WHERE id = :id AND state = 'DECIDED' AND updated_at < :staleBefore
