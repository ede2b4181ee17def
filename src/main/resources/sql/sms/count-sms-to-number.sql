-- the SMS Herald decided for this number, not counting those the provider refused or could not deliver
SELECT COUNT(*)
  FROM notification
 WHERE channel = 'sms' AND recipient = :phone AND state NOT IN ('FAILED', 'UNDELIVERED')
