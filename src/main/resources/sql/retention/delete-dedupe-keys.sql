-- fingerprints of events processed before :beforeLocal (Camel's JDBC idempotent repository writes createdAt as a
-- TIMESTAMP in the JVM's zone); at most :limit fingerprints a call, of every processor that has them
DELETE FROM camel_messageprocessed
 WHERE createdAt < :beforeLocal
   AND messageId IN (SELECT messageId FROM camel_messageprocessed
                      WHERE createdAt < :beforeLocal
                      ORDER BY createdAt
                      LIMIT :limit)
