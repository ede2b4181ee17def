-- a SENDING attempt whose recipient the relay deferred goes back to DECIDED, counted and with the relay's reply, for
-- the republish sweep; not once it was deferred :maxDeferrals times
UPDATE notification SET state = 'DECIDED', recipient_deferrals = recipient_deferrals + 1, failure_reason = :reason,
       updated_at = :now
 WHERE id = :id AND state = 'SENDING' AND recipient_deferrals < :maxDeferrals
