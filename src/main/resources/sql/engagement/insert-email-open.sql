-- the first open of an email attempt that exists and has no row yet
INSERT INTO email_engagement (notification_id, first_opened_at, opens, clicks)
SELECT id, :at, 1, 0 FROM notification
 WHERE id = :id AND channel = 'email'
   AND NOT EXISTS (SELECT 1 FROM email_engagement WHERE notification_id = :id)
