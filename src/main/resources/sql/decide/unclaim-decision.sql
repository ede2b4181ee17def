UPDATE decision SET claimed_until = NULL WHERE id = :id
