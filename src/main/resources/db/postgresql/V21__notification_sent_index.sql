-- The outbox page (/outbox, list-recent-sent.sql) shows the latest messages handed to their channels, and refreshes
-- every 10 seconds while it is open. Without an index it read the whole notification table each time
-- (docs/benchmarks.md, "The stale attempts' index"). PostgreSQL reads this one backwards, newest first, and stops
-- after the page's messages; the attempts not handed over yet are not in it.
CREATE INDEX notification_sent ON notification (sent_at, created_at, type) WHERE sent_at IS NOT NULL;
