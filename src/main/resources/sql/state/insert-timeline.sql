INSERT INTO timeline (subject_key, event_type, source, occurred_at, status, status_text, location, fingerprint,
                      recorded_at, previous_status, status_changed, newest, reason_changed, previous_eta)
VALUES (:subjectKey, :eventType, :source, :occurredAt, :status, :statusText, :location, :fingerprint, :now,
        :previousStatus, :statusChanged, :newest, :reasonChanged, :previousEta)
