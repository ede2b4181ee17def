-- an operator sends a failed attempt again (NotificationRecovery): back to DECIDED, its deferrals counted anew and what
-- the failed hand-off or the provider's report left (provider id, sent time, a quiet-hours hold) cleared; from FAILED
-- or UNDELIVERED only, so that of two calls, on any number of instances, one takes it
UPDATE notification
   SET state = 'DECIDED', deferrals = 0, provider_id = NULL, sent_at = NULL, not_before = NULL,
       failure_reason = :reason, updated_at = :now
 WHERE id = :id AND state IN ('FAILED', 'UNDELIVERED')
