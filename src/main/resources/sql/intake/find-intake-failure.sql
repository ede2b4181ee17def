SELECT id, source, reason_code, payload, resolved FROM intake_failure WHERE id = :id
