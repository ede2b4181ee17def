-- an operator records what the provider's own log says of an attempt handed over without an answer (UNKNOWN): SENT
-- with the provider's id when it has the message, FAILED when it has not (NotificationRecovery); from UNKNOWN only
UPDATE notification
   SET state = :state, provider_id = COALESCE(:providerId, provider_id), sent_at = :sentAt,
       failure_reason = :reason, updated_at = :now
 WHERE id = :id AND state = 'UNKNOWN'
