-- The republish sweep (list-stale-decided.sql) looks for DECIDED attempts untouched for a while, every
-- herald.notifications.republish-period. Without an index it read the whole notification table each time, and the
-- table keeps its rows for the KPIs: 1.5 s of CPU a sweep at 300,000 attempts, growing with the table; a few
-- milliseconds with this one (docs/benchmarks.md, "The stale attempts' index"). The index is on a column of its own,
-- a DECIDED attempt's updated_at and null for any other, not on state: H2 would take an index on state for every
-- query that names a state (the outbox's SENT, the KPIs' lists of states) and look up most of the table's rows
-- through it, one at a time. H2 computes the column at each insert and update. Its nulls go last in the index: first,
-- as H2 puts them by default, the sweep's range (decided_since < :staleBefore) began by walking past all of them.
ALTER TABLE notification ADD COLUMN decided_since TIMESTAMP WITH TIME ZONE
    GENERATED ALWAYS AS (CASE WHEN state = 'DECIDED' THEN updated_at END);
CREATE INDEX notification_decided ON notification (decided_since NULLS LAST);
