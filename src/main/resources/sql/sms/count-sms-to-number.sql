-- whether a number has had its opt-out notice: an SMS that carries it is on its way or sent. One the provider refused
-- or could not deliver, or one never sent as its news was out of date (SUPERSEDED), does not count, and the number's
-- next SMS carries the notice (V18). The name stays, as the migration that indexes it names it (V9): it no longer
-- counts, since one row is enough however many the number has had, and a count read every one of them for each SMS,
-- all the customer's life
SELECT 1
  FROM notification
 WHERE channel = 'sms' AND recipient = :phone AND opt_out_notice = TRUE
   AND state NOT IN ('FAILED', 'UNDELIVERED', 'SUPERSEDED')
 FETCH FIRST 1 ROW ONLY
