INSERT INTO decision (id, subject_key, type, trigger_fingerprint, rule, critical, order_id, carrier, tracking_number,
                      customer_id, subject_status, exception_reason, eta, facts, event_occurred_at, state, reason,
                      pending_channels, recipient_day, due_at, window_started_at, created_at, updated_at)
VALUES (:id, :subjectKey, :type, :triggerFingerprint, :rule, :critical, :orderId, :carrier, :trackingNumber,
        :customerId, :subjectStatus, :exceptionReason, :eta, :facts, :eventOccurredAt, :state, :reason,
        :pendingChannels, :recipientDay, :dueAt, :windowStartedAt, :now, :now)
