-- attempts sent in the window for a shipment, and the shipments they went out for
SELECT COUNT(*) AS messages, COUNT(DISTINCT tracking_number) AS shipments
  FROM notification
 WHERE tracking_number IS NOT NULL AND sent_at >= :from AND sent_at < :to
