-- the same event (fingerprint), or the same scan of the subject from another source (status and instant); two
-- counts, so that each uses its own index
SELECT (SELECT COUNT(*) FROM timeline WHERE fingerprint = :fingerprint)
     + (SELECT COUNT(*) FROM timeline
         WHERE subject_key = :subjectKey AND occurred_at = :occurredAt AND status = :status)
