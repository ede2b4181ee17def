-- A provider's report (Twilio's status callback, a bounce, a relay's event) moves one attempt forward only: :from lists
-- the states it may leave for :state (ProviderStates), so a late or repeated report finds the attempt elsewhere and
-- changes nothing, on any number of instances. The provider's code is kept as the failure reason; an attempt the
-- provider reports on was handed over, so its provider id and sent time are filled in when the hand-off's own record
-- has not done it yet. A report naming another provider id than the attempt's moves nothing: it is about an earlier
-- send of the attempt, one an operator sent again (NotificationRecovery) after it failed.
UPDATE notification
   SET state = :state,
       failure_reason = COALESCE(:reason, failure_reason),
       provider_id = COALESCE(provider_id, :providerId),
       sent_at = COALESCE(sent_at, :now),
       updated_at = :now
 WHERE id = :id AND channel = :channel AND state IN (:from)
   AND (provider_id IS NULL OR CAST(:providerId AS VARCHAR(200)) IS NULL OR provider_id = :providerId)
