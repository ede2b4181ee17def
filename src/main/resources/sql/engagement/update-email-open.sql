UPDATE email_engagement SET opens = opens + 1, first_opened_at = COALESCE(first_opened_at, :at)
 WHERE notification_id = :id
