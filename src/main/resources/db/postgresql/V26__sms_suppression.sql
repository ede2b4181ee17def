-- Numbers Herald does not send SMS to any more (postgresql flavour, keep in step with db/h2; docs/sms.md): Twilio
-- refused an SMS to the number for what the number is, not for what the message said. From the API, 21211 (not a
-- valid phone number) and 21614 (not a mobile number); from a status callback, 30005 (unknown destination, no longer
-- in service) and 30006 (a landline, or a carrier the sender cannot reach). One row per number and attempt, so that
-- a report that comes twice counts once. The decide stage treats a suppressed number as missing, as it treats an
-- email address that bounced; an SMS from the number lifts it (the number exists, and texts).
CREATE TABLE sms_suppression (
    phone           VARCHAR(20)              NOT NULL,
    error_code      INTEGER                  NOT NULL,
    notification_id VARCHAR(36)              NOT NULL,
    suppressed_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT sms_suppression_once PRIMARY KEY (phone, notification_id)
);
-- the KPIs' window (kpi/count-sms-feedback.sql)
CREATE INDEX sms_suppression_at ON sms_suppression (suppressed_at);
