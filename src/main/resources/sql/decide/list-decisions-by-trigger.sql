-- the decisions a batch's events triggered before, read once for the batch (the subjects' keys lead the unique index
-- decision_once)
SELECT subject_key, type, trigger_fingerprint, id FROM decision
 WHERE subject_key IN (:subjectKeys) AND trigger_fingerprint IN (:fingerprints)
