-- a replay that failed again, for this reason now; last_seen stays when the payload was last received, which its
-- retention counts from (a replay is no new copy of the personal data)
UPDATE intake_failure SET reason_code = :reason, detail = :detail WHERE id = :id
