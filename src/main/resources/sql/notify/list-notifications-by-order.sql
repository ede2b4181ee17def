SELECT id, subject_key, type, channel, order_id, carrier, tracking_number, customer_id, locale, recipient, subject,
       body_text, body_html, state, provider_id, failure_reason, event_occurred_at, created_at, updated_at, sent_at
  FROM notification
 WHERE order_id = :orderId
    OR tracking_number IN (SELECT tracking_number FROM shipment WHERE order_id = :orderId)
 ORDER BY created_at, type, channel
