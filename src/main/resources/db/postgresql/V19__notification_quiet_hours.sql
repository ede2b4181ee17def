-- Quiet hours at the hand-off (docs/decide.md, "Quiet hours"): the recipient's zone, as the decision found it, and,
-- for an attempt whose message reached its channel inside the recipient's quiet hours (its channel's consumers lagged,
-- or it waited for a retry or the republish sweep), when they end: the republish sweep leaves it DECIDED until then.
ALTER TABLE notification ADD COLUMN recipient_zone VARCHAR(64);
ALTER TABLE notification ADD COLUMN not_before TIMESTAMP WITH TIME ZONE;
