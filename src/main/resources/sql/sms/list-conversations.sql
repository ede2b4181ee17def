-- the latest messages of the conversations, newest first
SELECT phone, customer_id, direction, body, keyword, created_at
  FROM sms_message
 ORDER BY created_at DESC, id DESC
 LIMIT :limit
