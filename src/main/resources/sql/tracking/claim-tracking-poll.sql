UPDATE tracking_poll
   SET next_poll_at = :leaseUntil
 WHERE carrier = :carrier AND tracking_number = :trackingNumber AND next_poll_at <= :now
