-- the attempts of a decision recorded DECIDED that may never have reached their outbound topic, to publish again when
-- the decision's event comes again; not one that its channel deferred, set aside or held for the recipient's quiet
-- hours (each of those keeps its reason): the republish sweep takes those in their time, if they are still current.
-- One that its channel put back after a failure, to retry in place, is published again too: its channel claims an
-- attempt from DECIDED only once
SELECT id, decision_id, subject_key, type, channel, order_id, carrier, tracking_number, customer_id, locale,
       recipient, recipient_zone, subject, body_text, body_html, state, provider_id, failure_reason, CAST(NULL AS VARCHAR(500)) AS reason,
       event_occurred_at, created_at, updated_at, sent_at
  FROM notification
 WHERE decision_id = :decisionId AND state = 'DECIDED' AND failure_reason IS NULL
 ORDER BY channel
