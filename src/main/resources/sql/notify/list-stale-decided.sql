-- attempts recorded DECIDED and not touched since :staleBefore: decided, but their message may never have reached
-- the outbound topic (the instance stopped between its commit and the publish), or their channel set them aside; not
-- one whose channel holds it until the recipient's quiet hours end (not_before). decided_since is a DECIDED
-- attempt's updated_at (V20), so that an index serves this query alone
SELECT id, decision_id, subject_key, type, channel, order_id, carrier, tracking_number, customer_id, locale,
       recipient, recipient_zone, subject, body_text, body_html, state, provider_id, failure_reason, CAST(NULL AS VARCHAR(500)) AS reason,
       event_occurred_at, created_at, updated_at, sent_at
  FROM notification
 WHERE decided_since < :staleBefore AND (not_before IS NULL OR not_before <= :now)
 ORDER BY decided_since NULLS LAST
 LIMIT :limit
