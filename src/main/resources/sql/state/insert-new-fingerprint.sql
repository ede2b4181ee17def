-- an event's fingerprint, unless it is there already; the count of rows inserted says whether the event is new
INSERT INTO camel_messageprocessed (processorName, messageId, createdAt)
SELECT CAST(? AS VARCHAR(255)), CAST(? AS VARCHAR(100)), CAST(? AS TIMESTAMP)
 WHERE NOT EXISTS (SELECT 1 FROM camel_messageprocessed WHERE processorName = ? AND messageId = ?)
