INSERT INTO dead_letter (stage, reason, payload, notification_id, created_at)
VALUES (:stage, :reason, :payload, :notificationId, :now)
