-- a SENDING attempt that is to be tried again by the republish sweep, rather than in place, goes back to DECIDED,
-- counted and with its reason; not once it was deferred :maxDeferrals times
UPDATE notification SET state = 'DECIDED', deferrals = deferrals + 1, failure_reason = :reason, updated_at = :now
 WHERE id = :id AND state = 'SENDING' AND deferrals < :maxDeferrals
