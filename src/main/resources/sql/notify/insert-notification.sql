INSERT INTO notification (id, subject_key, type, channel, order_id, carrier, tracking_number, customer_id, locale,
                          recipient, subject, body_text, body_html, state, event_occurred_at, created_at, updated_at)
VALUES (:id, :subjectKey, :type, :channel, :orderId, :carrier, :trackingNumber, :customerId, :locale,
        :recipient, :subject, :bodyText, :bodyHtml, 'DECIDED', :eventOccurredAt, :now, :now)
