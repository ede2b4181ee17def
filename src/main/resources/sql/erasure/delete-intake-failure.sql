DELETE FROM intake_failure WHERE id = :id
