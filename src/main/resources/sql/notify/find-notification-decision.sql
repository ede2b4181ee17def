-- the decision and channel of an attempt that has a decision
SELECT decision_id, channel FROM notification WHERE id = :id AND decision_id IS NOT NULL
