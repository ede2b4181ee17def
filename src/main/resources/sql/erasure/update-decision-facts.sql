UPDATE decision SET facts = :facts WHERE id = :id
