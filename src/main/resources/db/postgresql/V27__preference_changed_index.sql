-- The opt-out KPI's window over the customers' own preference changes (kpi/count-opt-outs-by-channel-and-type.sql)
-- (postgresql flavour, keep in step with db/h2): through an index, not by reading every customer's preferences; only
-- the opt-outs the KPI counts are in it
CREATE INDEX preference_changed ON preference (changed_at) WHERE origin = 'CUSTOMER' AND enabled = FALSE;
