-- A new lease for an attempt a channel batch claimed at :claimedAt, before its hand-off begins: only if no other
-- instance took it over since (resume-notification.sql stamps it anew).
UPDATE notification SET updated_at = :now
 WHERE id = :id AND state = 'SENDING' AND updated_at = :claimedAt
