SELECT occurred_at, status, location
  FROM timeline WHERE subject_key = :subjectKey AND status IS NOT NULL
 ORDER BY occurred_at DESC, id DESC
