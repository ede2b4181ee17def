-- The outbox page (/outbox, list-recent-sent.sql) shows the latest messages handed to their channels, and refreshes
-- every 10 seconds while it is open. Without an index it read the whole notification table each time: 5.3 to 6.9 s
-- cold at 300,000 attempts (docs/benchmarks.md, "The stale attempts' index"). H2 reads this one backwards, newest
-- first, and stops after the page's messages.
CREATE INDEX notification_sent ON notification (sent_at, created_at, type);
