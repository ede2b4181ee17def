-- records an attempt claimed for its hand-off (SENDING) SUPERSEDED instead of handing it over, as its news is out of
-- date by now; only from SENDING, so a takeover or an outcome recorded meanwhile is kept
UPDATE notification SET state = 'SUPERSEDED', failure_reason = :reason, updated_at = :now
 WHERE id = :id AND state = 'SENDING'
