-- The republish sweep (list-stale-decided.sql) looks for DECIDED attempts untouched for a while, every
-- herald.notifications.republish-period. Without an index on the state it read the whole notification table each
-- time, and the table keeps its rows for the KPIs: 1.5 s of CPU a sweep at 300,000 attempts, growing with the
-- table. With it, a few milliseconds. Each state change moves the attempt's key within this index; the keys of
-- a state are in the order of their updated_at, so the changes fall on the index's newest pages.
CREATE INDEX notification_state ON notification (state, updated_at);
