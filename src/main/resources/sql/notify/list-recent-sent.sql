-- the latest messages handed to their channels, whatever their provider reported since (delivered, bounced), newest
-- first by when they were decided: the index on created_at serves it backwards, and stops after the page's messages
SELECT id, decision_id, subject_key, type, channel, order_id, carrier, tracking_number, customer_id, locale,
       recipient, recipient_zone, subject, body_text, body_html, state, provider_id, failure_reason, CAST(NULL AS VARCHAR(500)) AS reason,
       event_occurred_at, created_at, updated_at, sent_at
  FROM notification WHERE sent_at IS NOT NULL
 ORDER BY created_at DESC
 LIMIT :limit
