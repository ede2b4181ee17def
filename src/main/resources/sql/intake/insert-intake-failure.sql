INSERT INTO intake_failure (source, reason_code, detail, payload, payload_hash, content_type, first_seen, last_seen,
                            seen_count, resolved)
VALUES (:source, :reason, :detail, :payload, :hash, :contentType, :now, :now, 1, FALSE)
