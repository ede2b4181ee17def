UPDATE intake_failure SET reason_code = :reason, detail = :detail, last_seen = :now WHERE id = :id
