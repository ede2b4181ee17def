-- START, YES or UNSTOP from the number lifts its STOP, unless the STOP came after it
UPDATE sms_opt_out
   SET opted_in_at = :at
 WHERE phone = :phone AND opted_in_at IS NULL AND opted_out_at <= :at
