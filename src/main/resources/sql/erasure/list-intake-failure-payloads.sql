SELECT id, payload FROM intake_failure
