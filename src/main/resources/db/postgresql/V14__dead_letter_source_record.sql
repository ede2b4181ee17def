-- The Kafka record a dead letter came from (topic, partition, offset and the record's timestamp), so that a record
-- that fails for good is kept once per stage: a batch that fails after one of its records was dead-lettered (its
-- dead letter is written in a transaction of its own) is read again, and that record fails again. A dead letter of
-- a message that did not come from Kafka has none, and each is kept.
ALTER TABLE dead_letter ADD COLUMN source_record VARCHAR(300);
CREATE UNIQUE INDEX dead_letter_source_record ON dead_letter (stage, source_record);
