UPDATE decision
   SET state = :state, reason = :reason, due_at = :dueAt, window_started_at = :windowStartedAt,
       pending_channels = :pendingChannels, customer_id = COALESCE(:customerId, customer_id),
       order_id = COALESCE(:orderId, order_id), recipient_day = COALESCE(:recipientDay, recipient_day),
       claimed_until = NULL, updated_at = :now
 WHERE id = :id
