-- whether Herald decided an SMS for this number, not counting those the provider refused or could not deliver, nor
-- those never sent as their news was out of date (SUPERSEDED): the next SMS carries the opt-out notice then. The
-- name stays, as the migration that indexes it names it (V9): it no longer counts, since one row is enough however
-- many the number has had, and a count read every one of them for each SMS, all the customer's life
SELECT 1
  FROM notification
 WHERE channel = 'sms' AND recipient = :phone AND state NOT IN ('FAILED', 'UNDELIVERED', 'SUPERSEDED')
 FETCH FIRST 1 ROW ONLY
