SELECT id, decision_id, channel, state, recipient, locale, subject, segments, provider_id, failure_reason, created_at,
       sent_at
  FROM notification WHERE subject_key = :subjectKey
 ORDER BY created_at, channel
