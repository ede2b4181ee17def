-- a decision that reached no one while its channel was suppressed is sent after the suppression was lifted
-- (NotificationRecovery): from SUPPRESSED only, so that of two calls one sends it
UPDATE decision SET state = 'DECIDED', updated_at = :now
 WHERE id = :id AND state = 'SUPPRESSED'
