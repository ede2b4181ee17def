UPDATE notification SET state = 'SENT', provider_id = :providerId, sent_at = :now, updated_at = :now
 WHERE id = :id AND state NOT IN ('SENT', 'DELIVERED', 'UNDELIVERED', 'FAILED')
