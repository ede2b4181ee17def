-- attempts handed to their channel in the window (sent_at), by channel and type: the base of the opt-out rates
SELECT channel, type, COUNT(*) AS sent
  FROM notification
 WHERE sent_at >= :from AND sent_at < :to
 GROUP BY channel, type
 ORDER BY channel, type
