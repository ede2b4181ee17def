-- the attempts of a decision recorded DECIDED and not touched since: no channel claimed them, no channel set them
-- aside or held them, and no republish sweep took them; their message may never have reached its outbound topic
SELECT id, decision_id, subject_key, type, channel, order_id, carrier, tracking_number, customer_id, locale,
       recipient, recipient_zone, subject, body_text, body_html, state, provider_id, failure_reason, CAST(NULL AS VARCHAR(500)) AS reason,
       event_occurred_at, created_at, updated_at, sent_at
  FROM notification
 WHERE decision_id = :decisionId AND state = 'DECIDED' AND updated_at = created_at
 ORDER BY channel
