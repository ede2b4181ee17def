-- puts a number on the SMS suppression list for one refusal; the same refusal twice (a status callback Twilio sent
-- again, a dead letter's batch read again) adds nothing
INSERT INTO sms_suppression (phone, error_code, notification_id, suppressed_at)
SELECT :phone, :errorCode, :notificationId, :now
 WHERE NOT EXISTS (SELECT 1 FROM sms_suppression WHERE phone = :phone AND notification_id = :notificationId)
