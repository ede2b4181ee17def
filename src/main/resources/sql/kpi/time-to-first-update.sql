-- orders whose first notification was sent in the window: seconds from the order's first event (the earliest
-- recorded_at of its timeline) to that notification; the mean, and the p95 by nearest rank (the value at position
-- CEILING(0.95 * n) of the durations in ascending order). The attempts sent in the window are read by their sent_at
-- (notification_sent), and an order's earlier ones by its id (notification_order), not the whole table
WITH first_sent AS (
    SELECT n.order_id, MIN(n.sent_at) AS sent_at
      FROM notification n
     WHERE n.sent_at >= :from AND n.sent_at < :to AND n.order_id IS NOT NULL
       AND NOT EXISTS (SELECT 1 FROM notification earlier
                        WHERE earlier.order_id = n.order_id AND earlier.sent_at < :from)
     GROUP BY n.order_id
), durations AS (
    SELECT EXTRACT(EPOCH FROM f.sent_at)
           - EXTRACT(EPOCH FROM (SELECT MIN(t.recorded_at) FROM timeline t WHERE t.subject_key = 'order:' || f.order_id))
           AS seconds
      FROM first_sent f
), ranked AS (
    SELECT seconds, ROW_NUMBER() OVER (ORDER BY seconds) AS position, COUNT(*) OVER () AS orders
      FROM durations
     WHERE seconds IS NOT NULL
)
SELECT COUNT(*) AS orders, AVG(seconds) AS mean_seconds,
       MAX(CASE WHEN position = CEILING(0.95 * orders) THEN seconds END) AS p95_seconds
  FROM ranked
