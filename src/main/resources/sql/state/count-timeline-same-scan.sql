-- the same scan of the subject from another source (status and instant), for an event known not to be in the
-- timeline already
SELECT COUNT(*) FROM timeline
 WHERE subject_key = :subjectKey AND occurred_at = :occurredAt AND status = :status
