UPDATE carrier_pause
   SET strikes = 0, updated_at = :now
 WHERE carrier = :carrier AND strikes > 0
