-- The transition each event made when it was applied, kept with its timeline row: an event whose processing was cut
-- off after its state was committed (a crash, a kill -9, a failure in the decide stage) comes again from Kafka, and
-- is then decided on with the transition it made, not with the state it already left behind (which would read as
-- "no change" and notify nobody).
ALTER TABLE timeline ADD COLUMN previous_status VARCHAR(24);
ALTER TABLE timeline ADD COLUMN status_changed BOOLEAN;
ALTER TABLE timeline ADD COLUMN newest BOOLEAN;
ALTER TABLE timeline ADD COLUMN reason_changed BOOLEAN;
ALTER TABLE timeline ADD COLUMN previous_eta TIMESTAMP WITH TIME ZONE;
