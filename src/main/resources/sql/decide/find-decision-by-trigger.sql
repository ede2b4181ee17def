SELECT id, state FROM decision
 WHERE subject_key = :subjectKey AND type = :type AND trigger_fingerprint = :triggerFingerprint
