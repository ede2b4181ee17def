SELECT (SELECT COUNT(*) FROM decision
         WHERE subject_key = :subjectKey AND recipient_day = :day AND type IN (:cappedTypes)
           AND state IN ('HELD', 'DEFERRED', 'DECIDED')) AS shipment_count,
       (SELECT COUNT(*) FROM decision
         WHERE customer_id = :customerId AND recipient_day = :day AND type IN (:cappedTypes)
           AND state IN ('HELD', 'DEFERRED', 'DECIDED')) AS customer_count
  FROM (VALUES (1)) AS one(x)
