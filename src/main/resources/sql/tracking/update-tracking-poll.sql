UPDATE tracking_poll
   SET next_poll_at = :nextPollAt, last_polled_at = :now, last_outcome = :outcome,
       consecutive_failures = :consecutiveFailures, last_error = :lastError
 WHERE carrier = :carrier AND tracking_number = :trackingNumber
