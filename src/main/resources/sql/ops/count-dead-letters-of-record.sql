-- whether this Kafka record is a dead letter of this stage already
SELECT COUNT(*) FROM dead_letter WHERE stage = :stage AND source_record = :sourceRecord
