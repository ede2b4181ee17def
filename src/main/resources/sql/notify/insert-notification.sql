INSERT INTO notification (id, decision_id, subject_key, type, channel, order_id, carrier, tracking_number, customer_id,
                          locale, recipient, recipient_zone, subject, body_text, body_html, segments, opt_out_notice,
                          state, event_occurred_at, created_at, updated_at)
VALUES (:id, :decisionId, :subjectKey, :type, :channel, :orderId, :carrier, :trackingNumber, :customerId,
        :locale, :recipient, :recipientZone, :subject, :bodyText, :bodyHtml, :segments, :optOutNotice, 'DECIDED',
        :eventOccurredAt, :now, :now)
