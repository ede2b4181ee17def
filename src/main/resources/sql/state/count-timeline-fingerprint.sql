SELECT COUNT(*) FROM timeline
 WHERE fingerprint = :fingerprint
    OR (subject_key = :subjectKey AND occurred_at = :occurredAt AND status = :status AND event_type <> 'customer')
