-- an operator records what the provider's own log says of an attempt handed over without an answer (UNKNOWN): SENT
-- with the provider's id when it has the message, sent when it was marked UNKNOWN, right after its hand-off; FAILED
-- when it has not (NotificationRecovery). From UNKNOWN only
UPDATE notification
   SET state = :state, provider_id = COALESCE(:providerId, provider_id),
       sent_at = CASE WHEN :state = 'SENT' THEN updated_at END,
       failure_reason = :reason, updated_at = :now
 WHERE id = :id AND state = 'UNKNOWN'
