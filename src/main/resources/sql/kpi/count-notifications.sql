-- channel attempts created in the window, by state and channel
SELECT state, channel, COUNT(*) AS notifications
  FROM notification
 WHERE created_at >= :from AND created_at < :to
 GROUP BY state, channel
 ORDER BY state, channel
