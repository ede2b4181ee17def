-- The republish sweep (list-stale-decided.sql) looks for DECIDED attempts untouched for a while, every
-- herald.notifications.republish-period. Without an index it read the whole notification table each time, and the
-- table keeps its rows for the KPIs, so each sweep grew with it (docs/benchmarks.md, "The stale attempts' index").
-- The column is a DECIDED attempt's updated_at and null for any other, as on H2, so that one query serves both; a
-- partial index holds only the DECIDED attempts, a small share of the table. Adding a stored generated column
-- rewrites the table once, here. The price: the column changes with the state, so an attempt's updates to SENDING
-- and SENT are no longer heap-only (V15), and write into the table's other indexes.
ALTER TABLE notification ADD COLUMN decided_since TIMESTAMP WITH TIME ZONE
    GENERATED ALWAYS AS (CASE WHEN state = 'DECIDED' THEN updated_at END) STORED;
CREATE INDEX notification_decided ON notification (decided_since) WHERE decided_since IS NOT NULL;
