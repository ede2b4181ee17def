INSERT INTO tracking_poll (carrier, tracking_number, next_poll_at, consecutive_failures)
VALUES (:carrier, :trackingNumber, :leaseUntil, 0)
