INSERT INTO carrier_pause (carrier, paused_until, strikes, updated_at)
VALUES (:carrier, :pausedUntil, 1, :now)
