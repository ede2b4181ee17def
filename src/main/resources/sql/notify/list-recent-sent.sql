-- the latest messages handed to their channels, whatever their provider reported since (delivered, bounced), newest
-- first; V21's index serves it backwards
SELECT id, decision_id, subject_key, type, channel, order_id, carrier, tracking_number, customer_id, locale,
       recipient, recipient_zone, subject, body_text, body_html, state, provider_id, failure_reason, CAST(NULL AS VARCHAR(500)) AS reason,
       event_occurred_at, created_at, updated_at, sent_at
  FROM notification WHERE sent_at IS NOT NULL
 ORDER BY sent_at DESC, created_at DESC, type DESC
 LIMIT :limit
