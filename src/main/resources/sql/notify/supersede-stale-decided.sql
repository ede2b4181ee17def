-- records a stale DECIDED attempt whose news is out of date SUPERSEDED instead of publishing it again; one instance
-- wins, as with touch-stale-decided
UPDATE notification SET state = 'SUPERSEDED', failure_reason = :reason, updated_at = :now
 WHERE id = :id AND state = 'DECIDED' AND updated_at < :staleBefore
