-- what an attempt's decision told, and its subject's state now, in one read: the currency check of a late hand-off
-- and of the republish sweep (Decider.isCurrent); with its recipient, and whether the address or number is suppressed
-- now (a hard bounce, a complaint, a number Twilio refused), as a decision reads it. The subject is the decision's
-- shipment (carrier and tracking number) or, for a decision on an order (no carrier), the order of its subject key
-- ('order:' and the order id). No row for an attempt without a decision; a null status when the subject is not stored.
SELECT n.channel, n.customer_id, n.recipient,
       CASE WHEN n.channel = 'email'
            THEN EXISTS (SELECT 1 FROM email_suppression x WHERE x.address = LOWER(n.recipient))
            WHEN n.channel = 'sms' THEN EXISTS (SELECT 1 FROM sms_suppression y WHERE y.phone = n.recipient)
            ELSE FALSE END AS recipient_suppressed,
       d.id, d.type, d.rule, d.subject_key, d.subject_status, d.event_occurred_at, d.exception_reason,
       d.eta, CASE WHEN d.carrier IS NULL THEN o.status ELSE s.status END AS status, s.estimated_delivery,
       CASE WHEN d.carrier IS NULL THEN o.last_event_at ELSE s.last_event_at END AS last_event_at
  FROM notification n
  JOIN decision d ON d.id = n.decision_id
  LEFT JOIN shipment s ON s.carrier = d.carrier AND s.tracking_number = d.tracking_number
  LEFT JOIN customer_order o ON d.carrier IS NULL AND o.order_id = SUBSTRING(d.subject_key FROM 7)
 WHERE n.id = :id
