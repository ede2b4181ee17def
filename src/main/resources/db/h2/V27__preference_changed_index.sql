-- The opt-out KPI's window over the customers' own preference changes (kpi/count-opt-outs-by-channel-and-type.sql)
-- (h2 flavour, keep in step with db/postgresql): through an index, not by reading every customer's preferences
CREATE INDEX preference_changed ON preference (changed_at);
