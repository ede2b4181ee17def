-- Retention (postgresql flavour; keep in step with db/h2). docs/operations.md, "Retention": the purge finds what is
-- past its period by these times. The partial indexes hold only the rows still to blank, so an hourly purge does not
-- walk every row it blanked before (their predicates are those of sql/retention/*.sql).
CREATE INDEX notification_unerased_created ON notification (created_at) WHERE recipient <> '[erased]';
CREATE INDEX decision_created ON decision (created_at);
CREATE INDEX decision_named_created ON decision (created_at) WHERE facts LIKE '%"customerName":"%';
CREATE INDEX timeline_recorded ON timeline (recorded_at);
CREATE INDEX intake_failure_last_seen ON intake_failure (last_seen);
CREATE INDEX dead_letter_unerased_created ON dead_letter (created_at) WHERE payload IS NOT NULL;
CREATE INDEX camel_messageprocessed_created ON camel_messageprocessed (createdAt);
