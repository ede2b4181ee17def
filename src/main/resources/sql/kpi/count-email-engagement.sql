-- per type, the email attempts sent in the window (handed to the relay: SENT, DELIVERED, UNDELIVERED), and of them
-- the ones opened (the pixel loaded at least once) and clicked (a tracked link followed at least once)
SELECT n.type, COUNT(*) AS sent, COUNT(e.first_opened_at) AS opened, COUNT(e.first_clicked_at) AS clicked
  FROM notification n LEFT JOIN email_engagement e ON e.notification_id = n.id
 WHERE n.channel = 'email' AND n.state IN ('SENT', 'DELIVERED', 'UNDELIVERED')
   AND n.sent_at >= :from AND n.sent_at < :to
 GROUP BY n.type
 ORDER BY n.type
