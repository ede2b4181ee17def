-- What each Twilio sending number has spent of its rate (SenderRates; h2 flavour, keep in step with db/postgresql),
-- shared by every instance, so that instances sending from one number keep to its rate together (PROTOCOLS.md,
-- "Throughput"): the moment, in microseconds since the epoch, at which the number's token bucket is full again, its
-- spent and reserved tokens refilled. A row is one number's; the numbers are Herald's own, no personal data.
CREATE TABLE sms_sender_rate (
    sender         VARCHAR(32) NOT NULL PRIMARY KEY,
    full_at_micros BIGINT      NOT NULL
);
