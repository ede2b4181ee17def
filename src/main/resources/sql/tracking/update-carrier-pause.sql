UPDATE carrier_pause
   SET paused_until = GREATEST(paused_until, :pausedUntil), strikes = strikes + 1, updated_at = :now
 WHERE carrier = :carrier
