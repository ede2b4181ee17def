-- ends a pending decision that a newer one retires. One retired DECIDED had told the customer on some channel (its
-- email went at once while its SMS waited for the quiet hours' end): it keeps its reason, noted with why the rest
-- is not sent, and has no pending channel left
UPDATE decision
   SET state = :state,
       reason = CASE WHEN :state = 'DECIDED' AND reason IS NOT NULL
                     THEN SUBSTRING(reason || '; ' || :reason FROM 1 FOR 500) ELSE :reason END,
       pending_channels = CASE WHEN :state = 'DECIDED' THEN NULL ELSE pending_channels END,
       due_at = NULL, claimed_until = NULL, updated_at = :now
 WHERE id = :id AND state IN ('AWAITING_CUSTOMER', 'HELD', 'DEFERRED')
