-- the payloads of the dead letters that contain a text (lower-cased, as :pattern is): the same address may come in
-- another case from another source
UPDATE dead_letter SET payload = NULL WHERE payload IS NOT NULL AND LOWER(payload) LIKE :pattern ESCAPE '\'
