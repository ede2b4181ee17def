-- puts an address on the suppression list for one report; the same report twice (a redelivered webhook, a bounce
-- mail read again) hits email_suppression_once and is not counted again
INSERT INTO email_suppression (address, kind, source, notification_id, detail, suppressed_at)
VALUES (:address, :kind, :source, :notificationId, :detail, :now)
