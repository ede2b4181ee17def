SELECT occurred_at, status, status_text, location, source, fingerprint, recorded_at
  FROM timeline WHERE subject_key = :subjectKey
 ORDER BY occurred_at, id
