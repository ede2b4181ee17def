-- the first click in an email attempt that exists and has no row yet
INSERT INTO email_engagement (notification_id, first_clicked_at, opens, clicks)
SELECT id, :at, 0, 1 FROM notification
 WHERE id = :id AND channel = 'email'
   AND NOT EXISTS (SELECT 1 FROM email_engagement WHERE notification_id = :id)
