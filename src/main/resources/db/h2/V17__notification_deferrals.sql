-- How many times a channel put an attempt back to DECIDED for the republish sweep instead of retrying it in place
-- and holding its batch: the SMTP relay deferred its recipient (a 4xx reply to RCPT TO), or it failed alone while its
-- channel delivered other messages (docs/operations.md, "Retries"). V16 counted the first kind only.
ALTER TABLE notification ALTER COLUMN recipient_deferrals RENAME TO deferrals;
