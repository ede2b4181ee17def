UPDATE intake_failure
   SET last_seen = :now, seen_count = seen_count + 1, reason_code = :reason, detail = :detail, resolved = FALSE
 WHERE source = :source AND payload_hash = :hash
