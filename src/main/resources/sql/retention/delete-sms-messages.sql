-- SMS conversation messages (sms_message, V9) received or answered before :before; at most :limit rows a call
DELETE FROM sms_message
 WHERE id IN (SELECT id FROM sms_message
               WHERE created_at < :before
               ORDER BY created_at
               LIMIT :limit)
