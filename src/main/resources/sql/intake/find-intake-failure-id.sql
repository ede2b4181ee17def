SELECT id, seen_count FROM intake_failure WHERE source = :source AND payload_hash = :hash
