-- a subject's decisions in the order they were taken; told: whether it told the customer on some channel, DECIDED or
-- DEFERRED with an attempt that went out or still may (its email went at once, its SMS waits for the quiet hours'
-- end), which the repeat and cap rules count as sent (Decider)
SELECT d.id, d.type, d.state, d.subject_status, d.exception_reason, d.eta, d.created_at, d.window_started_at,
       CASE WHEN d.state = 'DECIDED' OR (d.state = 'DEFERRED' AND EXISTS (SELECT 1 FROM notification n
                 WHERE n.decision_id = d.id AND n.state <> 'SUPERSEDED')) THEN TRUE ELSE FALSE END AS told
  FROM decision d
 WHERE d.subject_key = :subjectKey
 ORDER BY d.created_at, d.seq
