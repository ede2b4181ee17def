-- orders whose first notification was sent in the window: seconds from the order's first event (the earliest
-- recorded_at of its timeline) to that notification; the mean, and the p95 by nearest rank (the value at position
-- CEILING(0.95 * n) of the durations in ascending order)
WITH first_sent AS (
    SELECT order_id, MIN(sent_at) AS sent_at
      FROM notification
     WHERE order_id IS NOT NULL AND sent_at IS NOT NULL
     GROUP BY order_id
), durations AS (
    SELECT EXTRACT(EPOCH FROM f.sent_at)
           - EXTRACT(EPOCH FROM (SELECT MIN(t.recorded_at) FROM timeline t WHERE t.subject_key = 'order:' || f.order_id))
           AS seconds
      FROM first_sent f
     WHERE f.sent_at >= :from AND f.sent_at < :to
), ranked AS (
    SELECT seconds, ROW_NUMBER() OVER (ORDER BY seconds) AS position, COUNT(*) OVER () AS orders
      FROM durations
     WHERE seconds IS NOT NULL
)
SELECT COUNT(*) AS orders, AVG(seconds) AS mean_seconds,
       MAX(CASE WHEN position = CEILING(0.95 * orders) THEN seconds END) AS p95_seconds
  FROM ranked
