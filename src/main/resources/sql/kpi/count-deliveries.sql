-- per channel, of the attempts created in the window: attempted (an outcome is known: SENT, DELIVERED, UNDELIVERED,
-- FAILED; SENDING is still open), sent (handed to the provider) and delivered (confirmed by the provider's callback);
-- reached is delivered where the channel has callbacks (any DELIVERED row in the window), else sent
SELECT channel, attempted, sent, delivered, CASE WHEN delivered > 0 THEN delivered ELSE sent END AS reached
  FROM (SELECT channel,
               COUNT(CASE WHEN state IN ('SENT', 'DELIVERED', 'UNDELIVERED', 'FAILED') THEN 1 END) AS attempted,
               COUNT(CASE WHEN state IN ('SENT', 'DELIVERED', 'UNDELIVERED') THEN 1 END) AS sent,
               COUNT(CASE WHEN state = 'DELIVERED' THEN 1 END) AS delivered
          FROM notification
         WHERE created_at >= :from AND created_at < :to
         GROUP BY channel) per_channel
 ORDER BY channel
