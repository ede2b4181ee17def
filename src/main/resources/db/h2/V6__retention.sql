-- Retention (h2 flavour; keep in step with db/postgresql). docs/operations.md, "Retention": the purge finds what is
-- past its period by these times (notification.created_at has its index since V1).
CREATE INDEX decision_created ON decision (created_at);
CREATE INDEX timeline_recorded ON timeline (recorded_at);
CREATE INDEX intake_failure_last_seen ON intake_failure (last_seen);
CREATE INDEX dead_letter_created ON dead_letter (created_at);
CREATE INDEX camel_messageprocessed_created ON camel_messageprocessed (createdAt);
