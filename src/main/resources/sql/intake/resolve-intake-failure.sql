-- a replay that went through; last_seen stays when the payload was last received, which its retention counts from
UPDATE intake_failure SET resolved = TRUE WHERE id = :id
