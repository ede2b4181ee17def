-- The republish sweep (list-stale-decided.sql) looks for DECIDED attempts untouched for a while, every
-- herald.notifications.republish-period. Without an index on the state it read the whole notification table each
-- time, and the table keeps its rows for the KPIs, so each sweep grew with it. A partial index holds only the
-- attempts the sweep can find: the DECIDED ones, a small share of the table. The price: the state is now an indexed
-- column, so an attempt's updates to SENDING and SENT are no longer heap-only (V15), and write into the table's
-- other indexes (docs/benchmarks.md, "The stale attempts' index").
CREATE INDEX notification_decided ON notification (updated_at) WHERE state = 'DECIDED';
