SELECT paused_until, strikes
  FROM carrier_pause
 WHERE carrier = :carrier
