-- a STOP while the number is already stopped adds nothing
INSERT INTO sms_opt_out (phone, opted_out_at, source)
SELECT :phone, :at, :source
 WHERE NOT EXISTS (SELECT 1 FROM sms_opt_out WHERE phone = :phone AND opted_in_at IS NULL)
