UPDATE intake_failure SET resolved = TRUE, last_seen = :now WHERE id = :id
