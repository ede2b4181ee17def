-- a DECIDED decision none of whose attempts went out, or still may: each was recorded SUPERSEDED before its hand-off
-- (the republish sweep, a late hand-off), so the decision is superseded too, and no longer counts as told (the
-- fatigue caps, the repeats of its type, the KPIs). Run after the decision's note, whose update locks its row: the
-- attempts of one decision superseded at the same time then see each other's state here.
UPDATE decision SET state = 'SUPERSEDED', due_at = NULL, claimed_until = NULL, updated_at = :now
 WHERE id = :id AND state = 'DECIDED'
   AND NOT EXISTS (SELECT 1 FROM notification WHERE decision_id = :id AND state <> 'SUPERSEDED')
