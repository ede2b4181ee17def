INSERT INTO dead_letter (stage, reason, payload, notification_id, source_record, created_at)
VALUES (:stage, :reason, :payload, :notificationId, :sourceRecord, :now)
