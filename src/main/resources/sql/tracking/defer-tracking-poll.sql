UPDATE tracking_poll
   SET next_poll_at = :nextPollAt
 WHERE carrier = :carrier AND tracking_number = :trackingNumber
