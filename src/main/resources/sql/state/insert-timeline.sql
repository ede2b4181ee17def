INSERT INTO timeline (subject_key, event_type, source, occurred_at, status, status_text, location, fingerprint,
                      recorded_at)
VALUES (:subjectKey, :eventType, :source, :occurredAt, :status, :statusText, :location, :fingerprint, :now)
