-- How many times the SMTP relay deferred an email attempt's recipient (a 4xx reply to RCPT TO): such an attempt goes
-- back to DECIDED for the republish sweep instead of holding its channel's batch, up to
-- herald.channels.email.max-recipient-deferrals (docs/operations.md, "Retries").
ALTER TABLE notification ADD COLUMN recipient_deferrals INTEGER DEFAULT 0 NOT NULL;
